import { useEffect, useRef, useState } from "react";
import type { CaseView } from "../../engine/index";
import { describeRefusal } from "./describeRefusal";
import { useCaseI18n } from "./i18n/useCaseI18n";
import type { CaseHandle } from "./useCaseSession";

/** A paused case: why, since when and by whom, and the way to resume it exactly where it was. */
export function PausedPanel({ view, handle }: { view: CaseView; handle: CaseHandle }) {
  const { t, formatDateTime } = useCaseI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [problem, setProblem] = useState<string>();
  useEffect(() => heading.current?.focus(), []);
  const resume = async () => {
    const result = await handle.send({ type: "CASE_RESUMED" });
    setProblem(result.ok ? undefined : describeRefusal(result.code, t));
  };
  return (
    <section className="step-card paused" aria-labelledby="paused-title">
      <h2 id="paused-title" ref={heading} tabIndex={-1} className="step-title">
        {t("pause.title")}
      </h2>
      {view.pause ? (
        <p>{t("pause.since", { at: formatDateTime(view.pause.at), by: view.pause.by, reason: view.pause.reason })}</p>
      ) : null}
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="step-actions">
        <button type="button" className="button button-primary" onClick={resume} disabled={handle.busy}>
          {t("pause.resume")}
        </button>
      </div>
    </section>
  );
}
