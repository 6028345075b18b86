import { useCallback, useMemo, useRef, useState } from "react";
import type { CaseEvent, CaseSession, CaseView, CompiledSop, RefusalCode, Scenario } from "../../../engine/index";
import type { StepInput } from "../../runner/StepCard";
import { nextPracticeTime, openPracticeCase, sendPracticeEvent, viewPractice } from "../trainerEngine";

/** A practice case in memory: the trainee's events go to the engine exactly as an officer's, and nowhere else. */
export interface PracticeRun {
  session: CaseSession;
  view: CaseView;
  send(input: StepInput | { type: "WENT_BACK" }): { ok: true } | { ok: false; code: RefusalCode };
  restart(): void;
}

/** Runs a practice case for a scenario, played by `trainee`, at the scenario's own times (see `nextPracticeTime`). */
export function usePracticeRun(compiled: CompiledSop, scenario: Scenario, trainee: string): PracticeRun {
  const session = useRef<CaseSession>(undefined);
  const [version, setVersion] = useState(0);
  session.current ??= openPracticeCase(compiled, scenario, trainee);

  const send = useCallback(
    (input: StepInput | { type: "WENT_BACK" }) => {
      const current = session.current!;
      const event = { ...input, at: nextPracticeTime(current, scenario), by: trainee || "trainee" } as CaseEvent;
      const result = sendPracticeEvent(current, event);
      if (result.ok) setVersion((v) => v + 1);
      return result;
    },
    [scenario, trainee],
  );
  const restart = useCallback(() => {
    session.current = openPracticeCase(compiled, scenario, trainee);
    setVersion((v) => v + 1);
  }, [compiled, scenario, trainee]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the session mutates in place; `version` marks each event.
  const view = useMemo(() => viewPractice(session.current!), [version]);
  return { session: session.current, view, send, restart };
}
