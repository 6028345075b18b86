import { checkSop, type SopDefinition } from "../../src/engine/index";
import { sopBase as base, compileWithFixtureCatalog, end, text } from "./analysisFixtures";

// A guard that passes over a procedure's referral because the case already holds the service is right only when
// the earlier referral is at least as urgent (or, for a mandatory notification, was made and not declined).
const refer = (urgency: string, next: string, requiresConsent = true) => ({
  kind: "referral",
  title: text("SENNIAF"),
  service: "senniaf",
  urgency,
  reason: text("Child"),
  requiresConsent,
  next,
});
/** The procedure: skips its own referral when the case already holds (or was offered) SENNIAF. */
const callee = (list: "referrals" | "offered", mandatory: boolean) =>
  ({
    ...base,
    id: "notifies-children",
    title: text("Notifies children"),
    start: "already",
    steps: {
      already: {
        kind: "decision",
        title: text("Already?"),
        next: [{ when: `"senniaf" in ${list}`, to: "end-closed" }, { to: "notify" }],
      },
      notify: refer("immediate", "end-notified", !mandatory),
      "end-closed": end("closed"),
      "end-notified": end("notified"),
    },
  }) as unknown as SopDefinition;
/** A caller that refers a child to SENNIAF at `urgency` (asking consent unless told), then runs the procedure. */
const caller = (urgency: string, requiresConsent = true) =>
  ({
    ...base,
    id: "refers-then-runs",
    title: text("Refers then runs"),
    start: "ask-age",
    steps: {
      "ask-age": {
        kind: "question",
        title: text("Age"),
        say: text("Age?"),
        variable: "age",
        answer: { type: "number", min: 0, max: 120 },
        next: [{ when: "age < 18", to: "refer-first" }, { to: "run-it" }],
      },
      "refer-first": refer(urgency, "run-it", requiresConsent),
      "run-it": { kind: "procedure", title: text("Notify"), sop: "notifies-children", next: "end-after" },
      "end-after": end("closed"),
    },
  }) as unknown as SopDefinition;

const skipped = (sop: SopDefinition, list: "referrals" | "offered", mandatory = false) =>
  checkSop(compileWithFixtureCatalog(sop, [callee(list, mandatory)])).issues.filter(
    (i) => i.kind === "skipped-referral",
  );

describe("a guard that skips a more urgent referral (skipped-referral)", () => {
  it("warns when the case holds the service only at a lower urgency, naming the step, the guard and the earlier step", () => {
    const found = skipped(caller("routine"), "referrals");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", step: "run-it/notify" });
    expect(found[0].message).toContain('"run-it/already"');
    expect(found[0].message).toContain('"refer-first"');
    expect(found[0].message).toContain('"routine"');
    expect(found[0].actions?.map((a) => a.step)).toEqual(["ask-age"]);
  });

  it("does not warn when the earlier referral is as urgent", () => {
    expect(skipped(caller("immediate"), "referrals")).toEqual([]);
  });

  it("warns when a guard on offered skips a mandatory notification after a referral the person could decline", () => {
    const found = skipped(caller("immediate"), "offered", true);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("declined");
    // Made without asking, the earlier referral cannot be declined: nothing to warn about.
    expect(skipped(caller("immediate", false), "offered", true)).toEqual([]);
  });

  it("does not warn where no case goes through the earlier referral and then past the guard", () => {
    // The earlier referral is for children, the procedure runs for adults only: the graph joins them, no case does.
    const sop = JSON.parse(JSON.stringify(caller("routine"))) as { steps: Record<string, Record<string, unknown>> };
    sop.steps["refer-first"].next = "adults-only";
    // Adults are referred too, as urgently as the procedure would: the guard does pass over its referral for them.
    sop.steps["ask-age"].next = [{ when: "age < 18", to: "refer-first" }, { to: "refer-adult" }];
    sop.steps["refer-adult"] = { ...sop.steps["refer-first"], urgency: "immediate", next: "adults-only" };
    sop.steps["adults-only"] = {
      kind: "decision",
      title: text("Adult?"),
      next: [{ when: "age >= 18", to: "run-it" }, { to: "end-after" }],
    };
    expect(skipped(sop as unknown as SopDefinition, "referrals")).toEqual([]);
  });
});
