// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import type { SopDefinition } from "../../src/engine/index";
import { openSopLibraryStore } from "../../src/store/index";
import {
  loadCompiledSop,
  loadNewestBundle,
  loadNewestCompiledSop,
  openSopLibrary,
} from "../../src/ui/shared/loadCompiledSop";

const read = (id: string) => JSON.parse(readFileSync(`sop/${id}.sop.json`, "utf8")) as SopDefinition;
const bump = (sop: SopDefinition) => {
  const [major, minor, patch] = sop.version.split(".").map(Number);
  return { ...sop, version: `${major}.${minor}.${patch + 1}`, owner: `${sop.owner} (revised)` };
};

describe("what a new case runs on", () => {
  it("takes the app's own copies when the library holds only the shipped versions, reading no definition", async () => {
    const library = await openSopLibrary();
    const newest = vi.spyOn(library, "newestVersion");
    const { compiled, recorded } = await loadNewestBundle("screening");
    await recorded;
    expect(newest).not.toHaveBeenCalled();
    expect(compiled).toBe(await loadCompiledSop("screening"));
    // The bundle is recorded with the shipped version of each SOP it runs.
    const bundle = await library.getBundle(compiled.hash);
    expect(Object.keys(bundle!.members).sort()).toEqual([...compiled.bundle.keys()].sort());
    for (const [sop, hash] of Object.entries(bundle!.members))
      expect((await library.getVersion(sop, hash))?.definition).toEqual(compiled.bundle.get(sop));
    newest.mockRestore();
  });

  it("reads the library once, then again only after a version is published, in this tab or another", async () => {
    const library = await openSopLibrary();
    const ids = vi.spyOn(library, "versionHashes");
    const first = await loadNewestCompiledSop("screening");
    const again = await loadNewestCompiledSop("screening");
    expect(again).toBe(first);
    expect(ids).toHaveBeenCalledTimes(0);

    await library.publish({ definition: bump(read("uasc")), note: "", author: "Marta", at: "2026-02-01T00:00:00Z" });
    const revised = await loadNewestCompiledSop("screening");
    expect(revised.hash).not.toBe(first.hash);
    expect(revised.bundle.get("uasc")?.owner).toContain("(revised)");
    expect(ids).toHaveBeenCalledTimes(1);

    // Another tab: its own connection to the same database. The changes feed tells this one.
    const other = await openSopLibraryStore();
    await other.publish({ definition: bump(read("pfa")), note: "", author: "Ana", at: "2026-02-02T00:00:00Z" });
    await vi.waitFor(async () => {
      const next = await loadNewestCompiledSop("screening");
      expect(next.bundle.get("pfa")?.owner).toContain("(revised)");
    });
    expect((await loadNewestCompiledSop("screening")).bundle.get("uasc")?.owner).toContain("(revised)");
    await other.close();
    ids.mockRestore();
  });
});
