import {
  buildLibrary,
  classifyPath,
  emptyCatalog,
  loadCatalog,
  loadLibrary,
  mergeCatalogs,
  type SourceFile,
} from "../../src/engine/index";
import { readFixture } from "./readFixture";

const library = readFixture("library");
const replace = (files: SourceFile[], path: string, change: (text: string) => string) =>
  files.map((f) => (f.path === path ? { ...f, text: change(f.text) } : f));

describe("classifyPath", () => {
  it.each([
    ["sop/uasc.sop.json", "sop"],
    ["uasc.sop.json", "sop"],
    ["sop/scenarios/carlos.scenario.json", "scenario"],
    ["sop/catalog/services.json", "catalog"],
    ["catalog/flags.json", "catalog"],
    ["sop/catalog/nested/flags.json", undefined],
    ["sop/package.json", undefined],
    ["sop/uasc.json", undefined],
  ])("%s is %s", (path, kind) => {
    expect(classifyPath(path)).toBe(kind);
  });
});

describe("loadLibrary", () => {
  it("loads, lints and compiles a clean library, with its scenarios", () => {
    const loaded = loadLibrary(library);
    expect(loaded.issues).toEqual([]);
    expect([...loaded.compiled.keys()].sort()).toEqual(["child-protection", "intake"]);
    expect(loaded.sopFiles.get("intake")).toBe("intake.sop.json");
    expect(loaded.scenarios.map((s) => s.scenario.id).sort()).toEqual([
      "adult-alone-no-incident",
      "adult-family",
      "child-alone-incident",
    ]);
    expect(loaded.library.catalog.services.get("senniaf")?.agency).toBe("SENNIAF");
  });

  it("ignores files that are neither SOPs, catalogs nor scenarios", () => {
    const loaded = loadLibrary([...library, { path: "package.json", text: "not json at all" }]);
    expect(loaded.issues).toEqual([]);
  });

  it("does not compile an SOP that runs a broken one", () => {
    const files = replace(library, "child-protection.sop.json", (text) =>
      text.replace('"service": "senniaf"', '"service": "senniaff"'),
    );
    const loaded = loadLibrary(files);
    expect(loaded.issues.map((i) => `${i.file} ${i.code}`)).toEqual(["child-protection.sop.json unknown-service"]);
    expect(loaded.compiled.size).toBe(0);
  });

  it("does not compile an SOP whose procedure is missing from the library", () => {
    const loaded = loadLibrary(library.filter((f) => f.path !== "child-protection.sop.json"));
    expect(loaded.issues.map((i) => `${i.file} ${i.code} ${i.pointer}`)).toEqual([
      "intake.sop.json unknown-sop /steps/child-protection/sop",
    ]);
    expect(loaded.compiled.size).toBe(0);
  });

  it("checks scenarios: the SOP they enter, a duplicate id, a file name that does not match", () => {
    const scenario = library.find((f) => f.path === "scenarios/adult-family.scenario.json")!;
    const files = [
      ...library,
      { path: "scenarios/copy.scenario.json", text: scenario.text },
      {
        path: "scenarios/lost.scenario.json",
        text: scenario.text
          .replace('"id": "adult-family"', '"id": "lost"')
          .replace('"sop": "intake"', '"sop": "intak"'),
      },
    ];
    const loaded = loadLibrary(files);
    expect(loaded.issues.map((i) => [i.file, i.severity, i.code, i.pointer, i.line])).toEqual([
      ["scenarios/copy.scenario.json", "error", "duplicate-id", "/id", 3],
      ["scenarios/copy.scenario.json", "error", "id-mismatch", "/id", 3],
      ["scenarios/lost.scenario.json", "error", "unknown-sop", "/sop", 6],
    ]);
    expect(loaded.issues[2].message).toBe(
      'The scenario enters the SOP "intak", which is not in the library. Did you mean "intake"?',
    );
  });

  it("locates every issue in its own file", () => {
    const files = replace(library, "catalog/flags.json", (text) =>
      text.replace('"sensitivity": "restricted"', '"sensitivity": "secret"'),
    );
    const loaded = loadLibrary(files);
    expect(loaded.issues[0]).toEqual(
      expect.objectContaining({
        file: "catalog/flags.json",
        code: "schema",
        pointer: "/flags/0/sensitivity",
        line: 7,
        column: 22,
      }),
    );
    // The broken entry is left out of the catalog, and the SOP and scenarios that name it blame the catalog file.
    expect(loaded.issues.slice(1).map((i) => `${i.file} ${i.code} ${i.pointer}`)).toEqual([
      "intake.sop.json catalog-invalid /steps/ask-with/effects/0/raise",
      "scenarios/adult-alone-no-incident.scenario.json catalog-invalid /expect/notFlags/0",
      "scenarios/adult-family.scenario.json catalog-invalid /expect/notFlags/0",
      "scenarios/child-alone-incident.scenario.json catalog-invalid /expect/flags/0",
    ]);
    expect(loaded.issues[1].message).toBe(
      'The catalog file catalog/flags.json is invalid, so 3 references to its flags cannot be checked (the first: the flag "uasc" at step "ask-with"). Fix that file first.',
    );
    expect(loaded.compiled.has("intake")).toBe(false);
  });

  it("keeps the sound entries of a catalog file that fails its schema", () => {
    const files = replace(library, "catalog/services.json", (text) =>
      text.replace('"confidentiality": "restricted"', '"confidentiality": "secret"'),
    );
    const loaded = loadLibrary(files);
    const broken = [...loaded.library.catalog.gaps!.broken.keys()];
    expect(broken).toHaveLength(1);
    expect(loaded.library.catalog.services.size).toBeGreaterThan(0);
    expect(loaded.library.catalog.services.has(broken[0].replace("service:", ""))).toBe(false);
  });
});

describe("mergeCatalogs and buildLibrary", () => {
  const a = loadCatalog(
    '{ "flags": [{ "id": "uasc", "label": { "es": "A", "en": "A" }, "sensitivity": "public" }] }',
    "catalog/a.json",
  );
  const b = loadCatalog(
    '{ "flags": [\n  { "id": "uasc", "label": { "es": "B", "en": "B" }, "sensitivity": "public" }\n] }',
    "catalog/b.json",
  );

  it("merges catalog files, reporting an id defined twice where it is defined again", () => {
    const { catalog, issues } = mergeCatalogs([a, b]);
    expect(catalog.flags.get("uasc")?.label.es).toBe("A");
    expect(issues).toEqual([
      expect.objectContaining({
        code: "duplicate-id",
        file: "catalog/b.json",
        pointer: "/flags/0/id",
        line: 2,
        column: 11,
      }),
    ]);
    expect(issues[0].message).toBe('Flag "uasc" is defined twice in the catalog (first in catalog/a.json); keep one.');
  });

  it("skips catalog files that did not load", () => {
    const broken = loadCatalog("{", "catalog/c.json");
    expect(mergeCatalogs([broken, a]).catalog.flags.size).toBe(1);
    expect(emptyCatalog().services.size).toBe(0);
  });

  it("builds a trusted library without validating, keeping the first of a duplicate id", () => {
    const loaded = loadLibrary(library);
    const sops = [...loaded.library.sops.values()];
    const built = buildLibrary([...sops, { ...sops[0], version: "9.9.9" }], [a.value!, b.value!]);
    expect([...built.sops.keys()].sort()).toEqual(["child-protection", "intake"]);
    expect(built.sops.get(sops[0].id)?.version).toBe(sops[0].version);
    expect(built.catalog.flags.get("uasc")?.label.es).toBe("A");
  });
});
