// @vitest-environment jsdom
import "fake-indexeddb/auto";
import PouchDB from "pouchdb-browser";
import { CaseStore, type CaseSummary } from "../../src/store/index";
import { toSummaryDoc } from "../../src/store/storedDocuments";
import { compileMini, freshName, LiveCase } from "./LiveCase";

const CASES = 10_000;
const NOW = new Date("2024-03-01T12:00:00Z");
const STEPS = [
  { path: "welcome", title: { es: "Bienvenida", en: "Welcome" } },
  { path: "ask-age", title: { es: "Edad", en: "Age" } },
  { path: "ask-with", title: { es: "Con quién", en: "With whom" } },
  { path: "refer-senniaf", title: { es: "SENNIAF", en: "SENNIAF" } },
];
const STATUSES = ["active", "active", "active", "finished", "closed", "stuck"] as const;

/** A deterministic spread of cases: every 7th a child alone, every 11th in the PEP window, some with deadlines. */
function seededSummary(i: number): CaseSummary {
  const flags = [...(i % 7 === 0 ? ["uasc"] : []), ...(i % 11 === 0 ? ["pep-window"] : [])];
  const status = STATUSES[i % STATUSES.length];
  const minutes = (i * 37) % 5000;
  return {
    caseId: `case-${String(i).padStart(5, "0")}`,
    sop: { id: "mini", version: "1.0.0", hash: "seeded" },
    site: i % 2 ? "lajas-blancas" : "san-vicente",
    openedAt: new Date(Date.parse("2024-02-27T00:00:00Z") + minutes * 60_000).toISOString(),
    updatedAt: new Date(Date.parse("2024-02-27T00:00:00Z") + (minutes + 30) * 60_000).toISOString(),
    status,
    current: status === "active" || status === "stuck" ? [STEPS[i % STEPS.length]] : [],
    flags,
    ...(flags.length ? { priority: flags.includes("pep-window") ? 0 : 1 } : {}),
    ...(i % 5 === 0
      ? { nextDeadline: { id: "pep", dueAt: new Date(NOW.getTime() + ((i % 97) - 20) * 3_600_000).toISOString() } }
      : {}),
    referrals: i % 7 === 0 ? ["senniaf"] : [],
    eventCount: 3 + (i % 9),
  };
}

/** The result of `work` and the median of five runs' times: the first run also pays for warming up the JIT. */
function time<T>(work: () => T): [T, number] {
  const times: number[] = [];
  let result!: T;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    result = work();
    times.push(performance.now() - start);
  }
  return [result, times.sort((a, b) => a - b)[2]];
}

async function timeAsync<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

describe("10,000 cases on one device", () => {
  it("loads, lists, searches and filters them from the summaries alone", { timeout: 300_000 }, async () => {
    const name = freshName("scale");
    const seeded = Array.from({ length: CASES }, (_, i) => seededSummary(i));
    const raw = new PouchDB(name);
    for (let i = 0; i < CASES; i += 1000) await raw.bulkDocs(seeded.slice(i, i + 1000).map((s) => toSummaryDoc(s)));
    await raw.close();

    const [store, loadMs] = await timeAsync(() => CaseStore.open({ name, clock: () => NOW }));
    expect(store.size).toBe(CASES);

    const [all, listMs] = time(() => store.listSummaries());
    expect(all).toHaveLength(CASES);
    expect(all[0].priority).toBe(0);
    for (let i = 1; i < all.length; i++)
      expect((all[i - 1].priority ?? 99) <= (all[i].priority ?? 99), `order at ${i}`).toBe(true);

    const [one, idMs] = time(() => store.listSummaries({ text: "case-04242" }));
    expect(one.map((s) => s.caseId)).toEqual(["case-04242"]);

    const [byTitle, titleMs] = time(() => store.listSummaries({ text: "con quien" }));
    expect(byTitle).toHaveLength(seeded.filter((s) => s.current[0]?.path === "ask-with").length);

    const [urgent, filterMs] = time(() =>
      store.listSummaries({ flag: "uasc", status: ["active", "stuck"], dueWithinHours: 24 }),
    );
    const expected = seeded.filter(
      (s) =>
        s.flags.includes("uasc") &&
        (s.status === "active" || s.status === "stuck") &&
        s.nextDeadline !== undefined &&
        Date.parse(s.nextDeadline.dueAt) <= NOW.getTime() + 24 * 3_600_000,
    );
    expect(urgent.map((s) => s.caseId).sort()).toEqual(expected.map((s) => s.caseId).sort());
    expect(urgent.length).toBeGreaterThan(0);

    // The cost of one answer does not grow with the cases on the device.
    const live = new LiveCase(store, compileMini(), "case-new");
    const [, openMs] = await timeAsync(() => live.open());
    const [, answerMs] = await timeAsync(() => live.send({ type: "ACKNOWLEDGED", step: "welcome" }));
    expect(store.size).toBe(CASES + 1);

    console.log(
      [
        `store with ${CASES} summaries (pouchdb-browser over fake-indexeddb, Node):`,
        `  open and load every summary: ${loadMs.toFixed(0)} ms`,
        `  list all, sorted by urgency (median of 5): ${listMs.toFixed(1)} ms`,
        `  search a case id:            ${idMs.toFixed(1)} ms`,
        `  search a step title:         ${titleMs.toFixed(1)} ms (${byTitle.length} found)`,
        `  flag + status + deadline:    ${filterMs.toFixed(1)} ms (${urgent.length} found)`,
        `  open a new case (1 event):   ${openMs.toFixed(1)} ms`,
        `  append one answer:           ${answerMs.toFixed(1)} ms`,
      ].join("\n"),
    );
    await store.close();
  });
});
