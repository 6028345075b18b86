import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSopModule, type SopHashes } from "../../scripts/buildSopBundle";
import { buildLibrary, compileSop, hashJson, type SopDefinition } from "../../src/engine/index";
import { collectBundleIds } from "../../src/ui/shared/shippedLibrary";

function library(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "senda-bundle-"));
  mkdirSync(join(root, "sop", "catalog"), { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, "sop", path), text);
  return root;
}

const sop = (id: string, steps: Record<string, unknown>) =>
  JSON.stringify({ id, version: "1.0.0", title: { es: id, en: id }, steps });

describe("the officers' SOP bundle", () => {
  it("indexes every SOP with the SOPs it runs, loads each lazily, and keeps only labels of the catalog for the queue", () => {
    const root = library({
      "screening.sop.json": sop("screening", {
        a: { kind: "procedure", sop: "uasc" },
        b: { kind: "procedure", sop: "uasc" },
      }),
      "uasc.sop.json": sop("uasc", {
        x: { kind: "question", effects: [{ deadline: "senniaf-measure", label: { es: "Medida", en: "Measure" } }] },
      }),
      "catalog/flags.json": JSON.stringify({
        flags: [
          {
            id: "uasc",
            label: { es: "NNA", en: "UASC" },
            description: { es: "largo" },
            sensitivity: "restricted",
            instruction: { es: "No entregar" },
            publicLabel: { es: "Vea al equipo" },
          },
          {
            id: "no-lists",
            label: { es: "Sin listas" },
            sensitivity: "public",
            instruction: { es: "Fuera de listas" },
          },
        ],
        services: [{ id: "senniaf", name: { es: "SENNIAF" } }],
        roles: [{ id: "desk", name: { es: "Mesa" }, agency: "SNM", sees: ["public"] }],
      }),
    });
    const { code, catalogCode } = generateSopModule(root);
    expect(code).toContain('"uasc": () => import("/sop/uasc.sop.json")');
    expect(code).toContain('"procedures":["uasc"]');
    expect(code).toContain('"sensitivity":"restricted"');
    expect(code).toContain('"publicLabel":{"es":"Vea al equipo"}');
    expect(code).toContain('"instruction":{"es":"Fuera de listas"}');
    expect(code).toContain('"roles":[{"id":"desk","name":{"es":"Mesa"},"sees":["public"]}]');
    // Only what the queue, a public surface, may show: no description, no service, no deadline, no non-public instruction.
    expect(code).not.toContain("largo");
    expect(code).not.toContain("SENNIAF");
    expect(code).not.toContain("Medida");
    expect(code).not.toContain("No entregar");
    expect(catalogCode).toContain('import catalog0 from "/sop/catalog/flags.json"');
  });

  it("stops the build with the file and the reason when a file is not valid JSON or not an SOP", () => {
    expect(() => generateSopModule(library({ "broken.sop.json": '{ "id": ' }))).toThrow(
      /^sop\/broken\.sop\.json is not valid JSON \(.+\); run `senda validate` to locate it\.$/,
    );
    expect(() => generateSopModule(library({ "odd.sop.json": "{}" }))).toThrow(
      'sop/odd.sop.json: an SOP needs "id", "version", "title" and "steps"; run `senda validate`.',
    );
    expect(() => generateSopModule(library({ "a.sop.json": sop("same", {}), "b.sop.json": sop("same", {}) }))).toThrow(
      'sop/b.sop.json: the SOP id "same" is also used by sop/a.sop.json.',
    );
  });

  it("gives each shipped SOP its content hash and the hash of its bundle, as the library and the compiler make them", () => {
    const { hashesCode } = generateSopModule(process.cwd());
    const hashes = JSON.parse(/export const sopHashes = (.*);$/m.exec(hashesCode)![1]) as Record<string, SopHashes>;
    const files = readdirSync("sop").filter((f) => f.endsWith(".sop.json"));
    const sops = files.map((f) => JSON.parse(readFileSync(`sop/${f}`, "utf8")) as SopDefinition);
    const catalogs = readdirSync("sop/catalog").map((f) => JSON.parse(readFileSync(`sop/catalog/${f}`, "utf8")));
    const library = buildLibrary(sops, catalogs);
    expect(Object.keys(hashes).sort()).toEqual(sops.map((s) => s.id).sort());
    for (const [id, { hash, bundleHash }] of Object.entries(hashes)) {
      const definition = library.sops.get(id)!;
      expect(hash).toBe(hashJson(definition));
      expect(bundleHash).toBe(compileSop(definition, library).hash);
    }
  });

  it("collects the SOPs a case needs, and says which is missing", () => {
    const index = [
      { id: "screening", version: "1", title: {}, procedures: ["uasc", "gbv"] },
      { id: "uasc", version: "1", title: {}, procedures: ["gbv"] },
      { id: "gbv", version: "1", title: {}, procedures: [] },
    ];
    expect(collectBundleIds("screening", index)).toEqual(["screening", "uasc", "gbv"]);
    expect(() => collectBundleIds("pfa", index)).toThrow('The SOP "pfa" is not shipped with this version of the app.');
  });
});
