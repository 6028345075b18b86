// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import { openCase, replayCase, type SopDefinition } from "../../src/engine/index";
import {
  loadCompiledSop,
  loadCompiledSopOfCase,
  loadNewestCompiledSop,
  openSopLibrary,
} from "../../src/ui/shared/loadCompiledSop";

const uasc = JSON.parse(readFileSync("sop/uasc.sop.json", "utf8")) as SopDefinition;

describe("SOP versions for cases", () => {
  it("a new case takes the newest published version; a case opened on an earlier one still replays on it", async () => {
    const library = await openSopLibrary();
    const shipped = await loadCompiledSop("uasc");
    const first = await loadNewestCompiledSop("uasc");
    expect(first.hash).toBe(shipped.hash);
    const old = openCase(first, { caseId: "C-OLD", at: "2026-01-01T08:00:00Z", by: "OF-1" });

    const [major, minor, patch] = uasc.version.split(".").map(Number);
    const next = `${major}.${minor}.${patch + 1}`;
    const revised = { ...uasc, version: next, owner: `${uasc.owner} (revised)` };
    await library.publish({ definition: revised, note: "Owner", author: "Marta", at: "2026-02-01T00:00:00Z" });

    const newest = await loadNewestCompiledSop("uasc");
    expect(newest.version).toBe(next);
    const fresh = openCase(newest, { caseId: "C-NEW", at: "2026-02-02T08:00:00Z", by: "OF-1" });
    const pinned = fresh.events[0];
    if (pinned.type !== "CASE_OPENED") throw new Error("first event");
    // The new version is not shipped: only the library has it.
    const reloaded = await loadCompiledSopOfCase(pinned.sop);
    expect(reloaded.version).toBe(next);
    expect(replayCase(reloaded, fresh.events).ok).toBe(true);

    const oldPin = old.events[0];
    if (oldPin.type !== "CASE_OPENED") throw new Error("first event");
    const oldCompiled = await loadCompiledSopOfCase(oldPin.sop);
    expect(oldCompiled.version).toBe(uasc.version);
    expect(replayCase(oldCompiled, old.events).ok).toBe(true);
  });
});

describe("compiled SOPs kept for the page", () => {
  it("gives the same compiled SOP for the same versions, and compiles again only when a new version is published", async () => {
    const a = await loadNewestCompiledSop("screening");
    const b = await loadNewestCompiledSop("screening");
    expect(b).toBe(a);
    expect(await loadCompiledSopOfCase({ id: a.id, version: a.version, hash: a.hash })).toBe(a);
    // The cached machine runs a case exactly as a fresh compilation does.
    const fresh = openCase(await loadCompiledSop("screening"), { caseId: "C-A", at: "2026-01-01T08:00:00Z", by: "X" });
    const cached = openCase(a, { caseId: "C-A", at: "2026-01-01T08:00:00Z", by: "X" });
    expect(cached.activeSteps()).toEqual(fresh.activeSteps());

    const screening = JSON.parse(readFileSync("sop/screening.sop.json", "utf8")) as SopDefinition;
    const [major, minor, patch] = screening.version.split(".").map(Number);
    const library = await openSopLibrary();
    const revised = { ...screening, version: `${major}.${minor}.${patch + 1}`, owner: `${screening.owner} (revised)` };
    await library.publish({ definition: revised, note: "Owner", author: "Marta", at: "2026-02-01T00:00:00Z" });
    const c = await loadNewestCompiledSop("screening");
    expect(c).not.toBe(a);
    expect(c.hash).not.toBe(a.hash);
    expect(c.version).toBe(revised.version);
    expect(await loadNewestCompiledSop("screening")).toBe(c);
  });
});
