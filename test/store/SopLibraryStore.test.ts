// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { hashJson, type SopDefinition } from "../../src/engine/index";
import { compareVersions, openSopLibraryStore, type SopLibraryStore, StoreError } from "../../src/store/index";

const uasc = JSON.parse(readFileSync("sop/uasc.sop.json", "utf8")) as SopDefinition;
const pfa = JSON.parse(readFileSync("sop/pfa.sop.json", "utf8")) as SopDefinition;
let opened: SopLibraryStore[] = [];
let count = 0;

async function openLibrary(name = `library-${++count}`): Promise<SopLibraryStore> {
  const library = await openSopLibraryStore({ name });
  opened.push(library);
  return library;
}

afterEach(async () => {
  for (const library of opened) await library.destroy().catch(() => undefined);
  opened = [];
});

describe("the SOP library", () => {
  it("seeds the shipped SOPs as published versions once per set of shipped versions", async () => {
    const library = await openLibrary();
    expect(await library.seed([uasc, pfa], "2026-01-01T00:00:00Z")).toBe(2);
    expect(await library.seed([uasc, pfa], "2026-01-02T00:00:00Z")).toBe(0);
    const newest = await library.newestVersion("uasc");
    expect(newest).toMatchObject({ sop: "uasc", version: uasc.version, origin: "shipped", hash: hashJson(uasc) });
    expect(newest?.definition).toEqual(uasc);
  });

  it("an app update adds its new shipped version and keeps the old one, so old cases still find theirs", async () => {
    const library = await openLibrary();
    await library.seed([uasc], "2026-01-01T00:00:00Z");
    const updated = { ...uasc, version: "9.0.0", owner: "SENNIAF" };
    expect(await library.seed([updated], "2026-02-01T00:00:00Z")).toBe(1);
    const versions = await library.listVersions("uasc");
    expect(versions.map((v) => v.version)).toEqual(["9.0.0", uasc.version]);
    expect(await library.getVersion("uasc", hashJson(uasc))).toBeDefined();
  });

  it("publishes a new version, newest first by semantic version, and refuses a number already used for other text", async () => {
    const library = await openLibrary();
    await library.seed([uasc], "2026-01-01T00:00:00Z");
    const next = { ...uasc, version: "10.0.0", owner: "IOM" };
    const published = await library.publish({
      definition: next,
      note: "Owner",
      author: "ana",
      at: "2026-03-01T00:00:00Z",
    });
    expect(published).toMatchObject({ version: "10.0.0", note: "Owner", author: "ana", origin: "published" });
    expect((await library.newestVersion("uasc"))?.version).toBe("10.0.0");
    // The same text again is the same document.
    expect(
      (await library.publish({ definition: next, note: "again", author: "bo", at: "2026-03-02T00:00:00Z" })).note,
    ).toBe("Owner");
    const clash = { ...uasc, version: "10.0.0", owner: "Other" };
    await expect(
      library.publish({ definition: clash, note: "", author: "bo", at: "2026-03-03T00:00:00Z" }),
    ).rejects.toSatisfy((e) => e instanceof StoreError && e.code === "conflict");
  });

  it("keeps the last text of a draft typed faster than the disk writes, per author", async () => {
    const library = await openLibrary();
    const saves = [];
    for (let i = 0; i < 20; i++)
      saves.push(
        library.saveDraft({
          author: "ana",
          sop: "uasc",
          text: `text ${i}`,
          at: `2026-01-01T00:00:${String(i).padStart(2, "0")}Z`,
        }),
      );
    await Promise.all(saves);
    await library.saveDraft({ author: "bo", sop: "uasc", text: "bo's", at: "2026-01-02T00:00:00Z" });
    expect((await library.loadDraft("ana", "uasc"))?.text).toBe("text 19");
    expect((await library.listDrafts("ana")).map((d) => d.author)).toEqual(["ana"]);
    expect((await library.listDrafts()).length).toBe(2);
    await library.discardDraft("ana", "uasc");
    expect(await library.loadDraft("ana", "uasc")).toBeUndefined();
  });

  it("a draft survives closing and reopening the database", async () => {
    const library = await openLibrary("library-reopen");
    await library.saveDraft({ author: "ana", sop: "uasc", text: "{ half typed", at: "2026-01-01T00:00:00Z" });
    await library.close();
    opened = [];
    const again = await openLibrary("library-reopen");
    expect((await again.loadDraft("ana", "uasc"))?.text).toBe("{ half typed");
  });

  it("lists every SOP with its versions and drafts", async () => {
    const library = await openLibrary();
    await library.seed([uasc, pfa], "2026-01-01T00:00:00Z");
    await library.saveDraft({ author: "ana", sop: "pfa", text: "{}", at: "2026-01-01T00:00:00Z" });
    const entries = await library.listEntries("ana");
    expect(entries.map((e) => [e.sop, e.versions.length, e.drafts.length])).toEqual([
      ["pfa", 1, 1],
      ["uasc", 1, 0],
    ]);
  });

  it("records the versions a case's bundle was made of", async () => {
    const library = await openLibrary();
    await library.saveBundle("abc", { uasc: "h1" });
    await library.saveBundle("abc", { uasc: "h1" });
    expect((await library.getBundle("abc"))?.members).toEqual({ uasc: "h1" });
    expect(await library.getBundle("nope")).toBeUndefined();
  });

  it("orders semantic versions as numbers, a pre-release before its release", () => {
    expect(["1.10.0", "1.9.2", "1.10.0-rc.1", "2.0.0"].sort(compareVersions)).toEqual([
      "1.9.2",
      "1.10.0-rc.1",
      "1.10.0",
      "2.0.0",
    ]);
  });
});
