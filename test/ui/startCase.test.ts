import { readFileSync } from "node:fs";
import { loadLibrary, openCase } from "../../src/engine/index";
import { type CaseSummary, ConflictError, StorageFullError, StoreError } from "../../src/store/index";
import { keepOpenedCase, loadCaseSession } from "../../src/ui/runner/loadCaseSession";
import { makeCaseId, startCase } from "../../src/ui/runner/startCase";

const loaded = loadLibrary([
  { path: "sops/mini.sop.json", text: readFileSync("test/fixtures/sops/mini.sop.json", "utf8") },
  { path: "catalog/catalog.json", text: readFileSync("test/fixtures/catalog.json", "utf8") },
]);
const compiled = loaded.compiled.get("mini")!;
const at = new Date("2024-03-01T08:00:00Z");

describe("opening a case", () => {
  it("names it by date and four characters that cannot be misread aloud", () => {
    expect(makeCaseId(at, () => new Uint8Array([0, 1, 30, 31]))).toBe("240301-23Z2");
    for (let i = 0; i < 50; i++) expect(makeCaseId(at)).toMatch(/^240301-[2-9A-HJKMNP-Z]{4}$/);
  });

  it("saves CASE_OPENED first, and takes a fresh code when the one drawn is already used", async () => {
    const tried: string[] = [];
    const store = {
      appendEvents: async (caseId: string, expectedSeq: number) => {
        tried.push(caseId);
        if (tried.length === 1) throw new ConflictError({ caseId, expectedSeq, storedSeq: 3 });
        return {} as never;
      },
    };
    const ids = ["A", "B"];
    const caseId = await startCase(store, compiled, { at, by: "OF-7" }, () => ids.shift()!);
    expect(caseId).toBe("B");
    expect(tried).toEqual(["A", "B"]);
  });

  it("passes on a full storage at once", async () => {
    const store = {
      appendEvents: async () => {
        throw new StorageFullError("x");
      },
    };
    await expect(startCase(store, compiled, { at, by: "OF-7" })).rejects.toBeInstanceOf(StorageFullError);
  });

  it("hands the case it just opened to the case screen, which reads the log back only if the case changed since", async () => {
    const session = openCase(compiled, { caseId: "C-9", at: at.toISOString(), by: "OF-7" });
    const reads: string[] = [];
    const storeHolding = (eventCount: number) => ({
      loadLog: async (caseId: string) => {
        reads.push(caseId);
        throw new StoreError("not-found", caseId, caseId);
      },
      getSummary: () => ({ eventCount }) as CaseSummary,
    });
    keepOpenedCase(session);
    const load = await loadCaseSession(storeHolding(1), "C-9");
    expect(load.status === "ready" && load.session).toBe(session);
    expect(load.status === "ready" && load.merged.count).toBe(1);
    expect(reads).toEqual([]);
    // Taken once: the next load reads the store.
    expect((await loadCaseSession(storeHolding(1), "C-9")).status).toBe("failed");
    expect(reads).toEqual(["C-9"]);

    keepOpenedCase(session);
    expect((await loadCaseSession(storeHolding(2), "C-9")).status).toBe("failed");
    expect(reads).toEqual(["C-9", "C-9"]);
  });
});
