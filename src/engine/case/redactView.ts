import { canSee } from "../compile/levels";
import type { Level } from "../definition/types";
import { lazyField } from "./lazyField";
import type { CaseView } from "./viewCase";

/** What the queue, the case header, search and every list show: public facts only, whoever looks. */
export const PUBLIC_SURFACE: readonly Level[] = ["public"];

/**
 * The view of a case as someone who sees `sees` (a catalog role's levels) may see it: every fact above those levels
 * keeps its place and its level, is marked `hidden`, and has its content blanked (ids, labels, values, reasons,
 * texts, the names of what a referral shares), so that nothing of it can reach a screen, a print or an export by mistake. Hidden flags and instructions
 * keep their catalog `publicLabel`, a neutral text that never names the category. The steps waiting for the
 * officer are kept whole: the officer working the case reads them aloud. The decision trace keeps only entries at
 * steps the viewer may see.
 *
 * @example
 * const onSharedScreen = redactView(viewCase(session, now), PUBLIC_SURFACE);
 */
export function redactView(view: CaseView, sees: readonly Level[]): CaseView {
  const visible = (level: Level) => canSee(sees, level);
  // The answers and the trace are redacted when first read, as `viewCase` builds them: copied here unread.
  const rest: Partial<CaseView> = {};
  for (const key of Object.keys(view) as (keyof CaseView)[])
    if (key !== "answers" && key !== "trace") (rest as Record<string, unknown>)[key] = view[key];
  const redacted: CaseView = {
    ...(rest as CaseView),
    flags: view.flags.map((f) =>
      visible(f.level)
        ? f
        : {
            id: "",
            label: {},
            level: f.level,
            priority: f.priority,
            hidden: true,
            ...(f.publicLabel ? { publicLabel: f.publicLabel } : {}),
          },
    ),
    instructions: view.instructions.map((i) =>
      visible(i.level)
        ? i
        : {
            flag: "",
            label: {},
            instruction: {},
            level: i.level,
            hidden: true,
            ...(i.publicLabel ? { publicLabel: i.publicLabel } : {}),
          },
    ),
    // What a referral shares is read by `buildSlip`, which checks each answer's level; a viewer needs no list of
    // variable names, which can say more than the referral itself.
    referrals: view.referrals.map((r) =>
      visible(r.level)
        ? {
            ...r,
            shares: [],
            // The cause keeps its kind; the step it names is left off for a viewer who may not see that step.
            ...(r.supersededBy && !(r.supersededStep && visible(r.supersededStep.level))
              ? { supersededBy: { ...r.supersededBy, step: "" }, supersededStep: undefined }
              : {}),
          }
        : {
            ...r,
            service: "",
            step: "",
            reason: {},
            reasons: [],
            shares: [],
            serviceName: {},
            note: undefined,
            supersededBy: undefined,
            supersededStep: undefined,
            forbiddenBy: undefined,
            hidden: true,
          },
    ),
    deadlines: view.deadlines.map((d) =>
      visible(d.level) ? d : { ...d, id: "", label: {}, step: "", from: undefined, hidden: true },
    ),
    followUps: view.followUps.map((f) =>
      visible(f.level)
        ? f
        : {
            ...f,
            id: "",
            label: {},
            why: undefined,
            step: "",
            done: f.done && { ...f.done, note: undefined },
            hidden: true,
          },
    ),
    answers: [],
    notes: view.notes.map((n) => (visible(n.level) ? n : { ...n, text: "", step: undefined, hidden: true })),
    trace: [],
  };
  lazyField(redacted, "answers", () =>
    view.answers.map((a) =>
      visible(a.level)
        ? a
        : { step: "", kind: a.kind, value: undefined, at: a.at, by: a.by, level: a.level, hidden: true },
    ),
  );
  lazyField(redacted, "trace", () => view.trace.filter((entry) => visible(entry.level)));
  return redacted;
}
