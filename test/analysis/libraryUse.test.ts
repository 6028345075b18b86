import { checkSop, type SopDefinition, settleLibraryUse } from "../../src/engine/index";
import { sopBase as base, compileWithFixtureCatalog, text } from "./analysisFixtures";

// A procedure's route that reads what a caller brings (a referral made before it runs) cannot hold when the
// procedure runs alone, and does hold when its caller runs it: across the library it is not unused. A route whose
// condition never holds anywhere stays a warning.
const procedure = {
  ...base,
  $schema: "../../../schemas/sop.schema.json",
  id: "already-known",
  title: text("Already known"),
  start: "check-referred",
  steps: {
    "check-referred": {
      kind: "decision",
      title: text("Referred already?"),
      next: [{ when: '"senniaf" in referrals', to: "end-known" }, { when: "1 > 2", to: "end-never" }, { to: "refer" }],
    },
    refer: {
      kind: "referral",
      title: text("SENNIAF"),
      service: "senniaf",
      urgency: "immediate",
      reason: text("Child"),
      requiresConsent: false,
      next: "end-referred",
    },
    "end-known": { kind: "end", outcome: "closed" },
    "end-never": { kind: "end", outcome: "closed" },
    "end-referred": { kind: "end", outcome: "referred" },
  },
} as unknown as SopDefinition;
const caller = {
  ...base,
  $schema: "../../../schemas/sop.schema.json",
  id: "refers-first",
  title: text("Refers first"),
  start: "ask-age",
  steps: {
    "ask-age": {
      kind: "question",
      title: text("Age"),
      say: text("Age?"),
      variable: "age",
      answer: { type: "number", min: 0, max: 120 },
      next: [{ when: "age < 18", to: "refer" }, { to: "run" }],
    },
    refer: {
      kind: "referral",
      title: text("SENNIAF"),
      service: "senniaf",
      urgency: "immediate",
      reason: text("Child"),
      requiresConsent: false,
      next: "run",
    },
    run: { kind: "procedure", title: text("Already known"), sop: "already-known", next: "end-after" },
    "end-after": { kind: "end", outcome: "closed" },
  },
} as unknown as SopDefinition;

const unusedRoutes = (report: ReturnType<typeof checkSop>) =>
  report.issues
    .filter((i) => i.kind === "unused-route")
    .map((i) => `${i.unused?.sop}:${i.unused?.step}#${i.unused?.route}`);

describe("unused routes across a library (settleLibraryUse)", () => {
  const alone = checkSop(compileWithFixtureCatalog(procedure));
  const withCaller = checkSop(compileWithFixtureCatalog(caller, [procedure]));

  it("finds both routes unused when the procedure runs alone, and the caller taking the first", () => {
    expect(unusedRoutes(alone)).toEqual(["already-known:check-referred#0", "already-known:check-referred#1"]);
    expect(withCaller.used).toContain("already-known:check-referred#0");
    expect(withCaller.used).not.toContain("already-known:check-referred#1");
  });

  it("keeps only the route no caller takes, said once, on the procedure's own report", () => {
    const [own, callerReport] = settleLibraryUse([alone, withCaller]);
    expect(unusedRoutes(own)).toEqual(["already-known:check-referred#1"]);
    expect(own.issues.some((i) => i.kind === "unreachable-step" && i.unused?.step === "end-never")).toBe(true);
    expect(own.issues.some((i) => i.kind === "unreachable-step" && i.unused?.step === "end-known")).toBe(false);
    expect(callerReport.issues.filter((i) => i.unused?.sop === "already-known")).toEqual([]);
  });

  it("keeps what a procedure found alone when its callers are not checked with it", () => {
    const [own] = settleLibraryUse([alone]);
    expect(unusedRoutes(own)).toEqual(unusedRoutes(alone));
  });
});
