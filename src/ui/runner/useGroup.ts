import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import {
  type CaseSession,
  type CaseView,
  type HouseholdMember,
  PUBLIC_SURFACE,
  redactView,
  viewCase,
} from "../../engine/index";
import type { CaseSummary } from "../../store/index";
import { useCaseStore } from "../shared/StoreProvider";
import { loadCaseSession } from "./loadCaseSession";

/** One person of a group, as the group view shows them: never a name. */
export interface GroupMember {
  caseId: string;
  summary: CaseSummary;
  /** The case on screen. */
  self: boolean;
  /** What this person is to the person of the case on screen, as recorded on that case. */
  relation?: string;
  claimedBy?: string;
  verified?: boolean;
  /** The person's age, when their case recorded it at the public level. */
  age?: number;
}

// Relations that make the other person a child in the group, before their own case says their age.
const CHILD_RELATIONS = new Set(["child", "grandchild", "in-care-of"]);

/**
 * The group of people who arrived with the person of the case on screen: every case opened in the same group (the
 * store lists them by the summaries' `group`; a case opened alone leads the group named after it), each with its
 * status, its relation to this person and its age, children first. `household` is the composition a slip may state.
 */
export function useGroup(view: CaseView): {
  key: string;
  members: GroupMember[];
  household: HouseholdMember[];
  loading: boolean;
} {
  const store = useCaseStore();
  const key = view.group ?? view.caseId;
  const revision = useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => store.revision,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` marks every change to the store's summaries.
  const summaries = useMemo(() => store.listSummaries({ group: key, sort: "recent" }), [store, key, revision]);
  const [ages, setAges] = useState<ReadonlyMap<string, number | undefined>>(new Map());
  const [loading, setLoading] = useState(true);
  const ids = summaries.map((s) => `${s.caseId}:${s.eventCount}`).join(",");

  // biome-ignore lint/correctness/useExhaustiveDependencies: `ids` names each member and how far its case went.
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    void Promise.all(
      summaries.map(async (s) => {
        const load = await loadCaseSession(store, s.caseId);
        return [s.caseId, load.status === "ready" ? readAge(load.session) : undefined] as const;
      }),
    ).then((entries) => {
      if (cancelled) return;
      setAges(new Map(entries));
      setLoading(false);
    });
    return () => {
      cancelled = true;
    };
  }, [store, ids]);

  return useMemo(() => {
    const members: GroupMember[] = summaries.map((summary) => {
      const link = view.relationships.findLast((r) => r.otherCase === summary.caseId);
      const age = ages.get(summary.caseId);
      return {
        caseId: summary.caseId,
        summary,
        self: summary.caseId === view.caseId,
        ...(link ? { relation: link.relation, claimedBy: link.claimedBy, verified: link.verified } : {}),
        ...(age !== undefined ? { age } : {}),
      };
    });
    members.sort((a, b) => childRank(a) - childRank(b) || a.caseId.localeCompare(b.caseId));
    const household = members.map((m) => ({
      ...(m.self ? { self: true } : {}),
      ...(m.relation ? { relation: m.relation } : {}),
      ...(m.age !== undefined ? { age: m.age } : {}),
    }));
    return { key, members, household, loading };
  }, [summaries, ages, view, key, loading]);
}

/** Children first (by age, then by a relation that makes them one), then adults, then people of unknown age. */
function childRank(member: GroupMember): number {
  if (member.age !== undefined) return member.age < 18 ? member.age : 100 + member.age;
  return member.relation && CHILD_RELATIONS.has(member.relation) ? 50 : 500;
}

/** The person's age, from a question whose variable is `age`, when the case recorded it at the public level. */
export function readAge(session: CaseSession): number | undefined {
  const events = session.events;
  const view = redactView(viewCase(session, new Date(events[events.length - 1].at)), PUBLIC_SURFACE);
  for (const answer of view.answers) {
    if (answer.hidden || typeof answer.value !== "number") continue;
    const step = session.compiled.steps.get(answer.step)?.step;
    if (step?.kind === "question" && step.variable === "age") return answer.value;
  }
  return undefined;
}
