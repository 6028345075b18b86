import type { CaseView } from "../../src/engine/index";
// The pure parts of the store, imported past its door so that this file needs no IndexedDB.
import type { CaseSummary } from "../../src/store/CaseSummary";
import { SummaryIndex } from "../../src/store/SummaryIndex";
import { summarizeCase } from "../../src/store/summarizeCase";

const NOW = new Date("2024-03-01T12:00:00Z");

function summary(caseId: string, fields: Partial<CaseSummary> = {}): CaseSummary {
  return {
    caseId,
    sop: { id: "screening", version: "1.0.0", hash: "h" },
    openedAt: "2024-03-01T08:00:00.000Z",
    updatedAt: "2024-03-01T09:00:00.000Z",
    status: "active",
    current: [{ path: "ask-age", title: { es: "Edad", en: "Age" } }],
    flags: [],
    referrals: [],
    eventCount: 2,
    ...fields,
  };
}

function indexOf(...summaries: CaseSummary[]): SummaryIndex {
  const index = new SummaryIndex();
  for (const s of summaries) index.put(s, "1-a");
  return index;
}

const ids = (list: CaseSummary[]) => list.map((s) => s.caseId);

describe("searching the queue", () => {
  const index = indexOf(
    summary("c-101", { current: [{ path: "uasc/ask-with", title: { es: "Con quién viaja", en: "Travelling with" } }] }),
    summary("c-102", { current: [{ path: "ask-age", title: { es: "Niñez sola", en: "Child alone" } }] }),
    summary("c-203", { current: [], status: "finished" }),
  );

  it("finds case ids and current step titles in either locale, ignoring case and accents", () => {
    expect(ids(index.list({ text: "c-10" }, NOW))).toEqual(["c-101", "c-102"]);
    expect(ids(index.list({ text: "CON QUIEN" }, NOW))).toEqual(["c-101"]);
    expect(ids(index.list({ text: "travelling" }, NOW))).toEqual(["c-101"]);
    expect(ids(index.list({ text: "ninez" }, NOW))).toEqual(["c-102"]);
    expect(ids(index.list({ text: "  child   c-102 " }, NOW))).toEqual(["c-102"]);
    expect(ids(index.list({ text: "child c-101" }, NOW))).toEqual([]);
    expect(ids(index.list({ text: "" }, NOW))).toHaveLength(3);
  });

  it("does not search what is not shown: a step path or the SOP id", () => {
    expect(ids(index.list({ text: "uasc" }, NOW))).toEqual([]);
    expect(ids(index.list({ text: "screening" }, NOW))).toEqual([]);
  });
});

describe("filtering the queue", () => {
  const index = indexOf(
    summary("flagged", { flags: ["uasc", "pep-window"], priority: 0, site: "lajas-blancas" }),
    summary("closed", { status: "closed", flags: ["uasc"], priority: 1 }),
    summary("soon", { nextDeadline: { id: "pep", dueAt: "2024-03-01T15:00:00.000Z" }, site: "lajas-blancas" }),
    summary("overdue", { nextDeadline: { id: "pep", dueAt: "2024-02-29T12:00:00.000Z" }, status: "stuck" }),
    summary("later", { nextDeadline: { id: "asylum", dueAt: "2024-03-04T12:00:00.000Z" } }),
  );

  it("by flag, status, site and deadline", () => {
    expect(ids(index.list({ flag: "uasc" }, NOW)).sort()).toEqual(["closed", "flagged"]);
    expect(ids(index.list({ flag: "trafficking-indicators" }, NOW))).toEqual([]);
    expect(ids(index.list({ status: "closed" }, NOW))).toEqual(["closed"]);
    expect(ids(index.list({ status: ["stuck", "closed"] }, NOW)).sort()).toEqual(["closed", "overdue"]);
    expect(ids(index.list({ site: "lajas-blancas" }, NOW)).sort()).toEqual(["flagged", "soon"]);
    expect(ids(index.list({ dueWithinHours: 3 }, NOW))).toEqual(["overdue", "soon"]);
    expect(ids(index.list({ dueWithinHours: 2 }, NOW))).toEqual(["overdue"]);
    expect(ids(index.list({ dueWithinHours: 72 }, NOW))).toEqual(["overdue", "soon", "later"]);
    expect(ids(index.list({ dueWithinHours: 3, now: new Date("2024-02-28T00:00:00Z") }, NOW))).toEqual([]);
    expect(ids(index.list({ flag: "uasc", status: "active", site: "lajas-blancas" }, NOW))).toEqual(["flagged"]);
  });

  it("refuses a deadline window that is not a number of hours", () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, "3" as unknown as number])
      expect(() => index.list({ dueWithinHours: bad }, NOW)).toThrow(/dueWithinHours must be a number of hours/);
    expect(() => index.list({ dueWithinHours: 1, now: new Date("nonsense") }, NOW)).toThrow(/not a valid date/);
  });
});

describe("sorting the queue by urgency", () => {
  it("puts the most urgent flag first, then the earliest deadline, then the longest waiting", () => {
    const index = indexOf(
      summary("quiet-new", { updatedAt: "2024-03-01T11:00:00.000Z" }),
      summary("quiet-old", { updatedAt: "2024-03-01T08:30:00.000Z" }),
      summary("flag-1", { flags: ["uasc"], priority: 1 }),
      summary("flag-0-late", {
        flags: ["pep-window"],
        priority: 0,
        nextDeadline: { id: "pep", dueAt: "2024-03-03T00:00:00.000Z" },
      }),
      summary("flag-0-soon", {
        flags: ["pep-window"],
        priority: 0,
        nextDeadline: { id: "pep", dueAt: "2024-03-02T00:00:00.000Z" },
      }),
      summary("flag-0-none", { flags: ["pep-window"], priority: 0 }),
      summary("deadline-only", { nextDeadline: { id: "x", dueAt: "2024-03-05T00:00:00.000Z" } }),
    );
    expect(ids(index.list({}, NOW))).toEqual([
      "flag-0-soon",
      "flag-0-late",
      "flag-0-none",
      "flag-1",
      "deadline-only",
      "quiet-old",
      "quiet-new",
    ]);
    expect(ids(index.list({ sort: "recent" }, NOW)).slice(0, 2)).toEqual(["quiet-new", "deadline-only"]);
  });
});

describe("keeping the index current", () => {
  it("takes a later revision, ignores an earlier one, and hands out frozen summaries", () => {
    const index = new SummaryIndex();
    expect(index.put(summary("c", { eventCount: 3 }), "3-a")).toBe(true);
    expect(index.put(summary("c", { eventCount: 2 }), "2-b")).toBe(false);
    expect(index.put(summary("c", { eventCount: 3 }), "3-a")).toBe(false);
    expect(index.get("c")?.eventCount).toBe(3);
    expect(index.put(summary("c", { eventCount: 4 }), "4-c")).toBe(true);
    const held = index.get("c")!;
    expect(Object.isFrozen(held) && Object.isFrozen(held.current[0].title)).toBe(true);
    expect(index.remove("c")).toBe(true);
    expect(index.size).toBe(0);
  });

  it("does not share the object it was given", () => {
    const index = new SummaryIndex();
    const given = summary("c");
    index.put(given, "1-a");
    given.flags.push("uasc");
    expect(index.get("c")?.flags).toEqual([]);
  });
});

describe("summarizing a case view", () => {
  const text = { es: "x", en: "x" };
  const view = {
    caseId: "c-9",
    sop: { id: "screening", version: "2.1.0", hash: "abc", title: text },
    openedAt: "2024-03-01T08:00:00.000Z",
    site: "lajas-blancas",
    status: "active",
    current: [
      {
        path: "medical/triage",
        id: "triage",
        kind: "question",
        level: "public",
        title: { es: "Triaje", en: "Triage" },
      },
      { path: "registration/ask-name", id: "ask-name", kind: "question", level: "public" },
      { path: "hiv/ask-arv", id: "ask-arv", kind: "question", level: "confidential", title: { es: "ARV", en: "ARV" } },
    ],
    flags: [
      { id: "uasc", label: text, level: "restricted", priority: 1 },
      { id: "pep-window", label: text, level: "confidential", priority: 0, publicLabel: { es: "Vea al equipo" } },
      { id: "returned", label: text, level: "public", priority: 4 },
    ],
    instructions: [],
    referrals: [
      { service: "senniaf", status: "made", level: "restricted", reasons: [], shares: [] },
      { service: "camp-management", status: "declined", level: "public", reasons: [], shares: [] },
      { service: "camp-management", status: "made", level: "public", reasons: [], shares: [] },
    ],
    deadlines: [
      {
        id: "referral:camp-management",
        kind: "referral",
        label: text,
        level: "public",
        dueAt: "2024-03-10T08:00:00.000Z",
      },
      { id: "pep", kind: "deadline", label: text, level: "confidential", dueAt: "2024-03-03T08:00:00.000Z" },
    ],
    followUps: [],
    answers: [],
    notes: [],
    trace: [],
    updatedAt: "2024-03-01T08:40:00.000Z",
  } as unknown as CaseView;

  it("keeps what the queue needs, and of that only what a public surface may show", () => {
    expect(summarizeCase(view, 12)).toEqual({
      caseId: "c-9",
      sop: { id: "screening", version: "2.1.0", hash: "abc" },
      site: "lajas-blancas",
      openedAt: "2024-03-01T08:00:00.000Z",
      updatedAt: "2024-03-01T08:40:00.000Z",
      status: "active",
      current: [{ path: "medical/triage", title: { es: "Triaje", en: "Triage" } }, { path: "registration/ask-name" }],
      flags: ["returned"],
      hiddenFlags: { labels: [{ es: "Vea al equipo" }], unlabelled: 1 },
      priority: 0,
      // The confidential deadline falls first: its time counts for the queue's filter and order, its name does not.
      nextDeadline: { id: "", dueAt: "2024-03-03T08:00:00.000Z" },
      referrals: ["camp-management"],
      eventCount: 12,
    });
  });

  it("leaves out what a quiet case does not have", () => {
    const quiet = summarizeCase({ ...view, site: undefined, flags: [], deadlines: [], referrals: [] }, 1);
    expect(Object.keys(quiet)).not.toContain("priority");
    expect(Object.keys(quiet)).not.toContain("hiddenFlags");
    expect(Object.keys(quiet)).not.toContain("nextDeadline");
    expect(Object.keys(quiet)).not.toContain("site");
    expect(Object.keys(quiet)).not.toContain("outcome");
  });
});
