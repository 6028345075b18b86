import {
  type Catalog,
  emptyCatalog,
  formatJson,
  genderedFormIn,
  lintCatalogFile,
  lintSop,
  mergeCatalogs,
  placeholderIn,
  type Step,
} from "../../src/engine/index";
import { makeLibrary, makeSop, step, t } from "./sopBuilder";

const codes = (issues: { code: string; pointer: string }[]) => issues.map((i) => `${i.code} ${i.pointer}`);

function library() {
  const catalog = emptyCatalog();
  catalog.services.set("camp", {
    id: "camp",
    name: t("Camp"),
    agency: "X",
    accepts: [],
    kind: "accommodation",
    confidentiality: "public",
  });
  catalog.flags.set("harm", { id: "harm", label: t("Harm"), sensitivity: "restricted" });
  catalog.categories.set("health", { id: "health", level: "restricted" });
  return catalog;
}

describe("lint of the protection mechanisms", () => {
  it("wants an answer kept at least as carefully as a flag it alone reveals", () => {
    const sop = makeSop("reveal", {
      risk: step.yesNo("risk", "done", { effects: [{ raise: "harm", when: "risk" }] }),
      done: step.end(),
    });
    expect(codes(lintSop(sop, makeLibrary([sop], library())))).toEqual(["answer-reveals /steps/risk"]);
    const fixed = makeSop("reveal", {
      risk: step.yesNo("risk", "done", { level: "restricted", effects: [{ raise: "harm", when: "risk" }] }),
      done: step.end(),
    });
    expect(codes(lintSop(fixed, makeLibrary([fixed], library())))).toEqual([]);
  });

  it("refuses a slip that would share with a service more than it may receive", () => {
    const sop = makeSop("slip", {
      meds: step.yesNo("meds", "refer", { level: "restricted" }),
      refer: {
        kind: "referral",
        title: t("Camp"),
        service: "camp",
        urgency: "routine",
        reason: t("Bed"),
        shares: ["meds"],
        next: "done",
      },
      done: step.end(),
    });
    expect(codes(lintSop(sop, makeLibrary([sop], library())))).toEqual(["slip-over-level /steps/refer/shares/0"]);
  });

  it("wants on a slip what its service needs, where the SOP knows it and the service may receive it", () => {
    const catalog = library();
    catalog.services.set("camp", {
      ...catalog.services.get("camp")!,
      needs: [
        { variable: "age", why: t("Places by age") },
        { variable: "meds", why: t("Medicines") },
        { variable: "group", why: t("Beds together") },
      ],
    });
    const refer = (shares: string[]): Step => ({
      kind: "referral",
      title: t("Camp"),
      service: "camp",
      urgency: "routine",
      reason: t("Bed"),
      ...(shares.length ? { shares } : {}),
      next: "done",
    });
    // `age` is known and missing; `meds` is known but more sensitive than the camp may receive; `group` is not known.
    const steps = (shares: string[]) => ({
      age: step.yesNo("age", "meds"),
      meds: step.yesNo("meds", "refer", { level: "restricted" }),
      refer: refer(shares),
      done: step.end(),
    });
    const missing = makeSop("needs", steps([]));
    const issues = lintSop(missing, makeLibrary([missing], catalog));
    expect(codes(issues)).toEqual(["slip-misses-need /steps/refer/service"]);
    expect(issues[0].message).toContain('"age"');
    const fixed = makeSop("needs", steps(["age"]));
    expect(codes(lintSop(fixed, makeLibrary([fixed], catalog)))).toEqual([]);
  });

  it("refuses a referral to a public service from a confidential procedure", () => {
    const sop = makeSop(
      "secret",
      {
        refer: {
          kind: "referral",
          title: t("Camp"),
          service: "camp",
          urgency: "routine",
          reason: t("Bed"),
          next: "done",
        },
        done: step.end(),
      },
      { level: "confidential" },
    );
    expect(codes(lintSop(sop, makeLibrary([sop], library())))).toEqual(["slip-over-level /steps/refer/service"]);
  });

  it("keeps placeholders and notes for policy staff off what officers read", () => {
    expect(placeholderIn("Contact: to set locally")).toBe("to set locally");
    expect(placeholderIn("Números por fijar")).toBe("por fijar");
    expect(placeholderIn("Cut-off ⚠")).toBe("⚠");
    expect(placeholderIn("Ask the person how they want to be addressed.")).toBeUndefined();
    const sop = makeSop("placeholder", {
      a: { ...step.instruction("b"), guidance: t("Call ⚠ number to set locally") },
      b: step.end(),
    });
    expect(codes(lintSop(sop, makeLibrary([sop], library())))).toEqual([
      "placeholder-text /steps/a/guidance/es",
      "placeholder-text /steps/a/guidance/en",
    ]);
  });

  it("warns of words read aloud that assume the person's gender, in each interview language", () => {
    expect(genderedFormIn("¿Está usted segura de que quiere seguir?", "es")).toBe("Está usted segura");
    expect(genderedFormIn("¿Se siente cansado?", "es")).toBe("Se siente cansado");
    expect(genderedFormIn("¿Se siente en un lugar seguro aquí?", "es")).toBeUndefined();
    expect(genderedFormIn("Puede no contestar.", "es")).toBeUndefined();
    expect(genderedFormIn("Le damos la bienvenida a Panamá.", "es")).toBeUndefined();
    expect(genderedFormIn("Obrigado por me contar.", "pt")).toBe("Obrigado");
    expect(genderedFormIn("Você está grávida?", "pt")).toBe("está grávida");
    expect(genderedFormIn("Você está esperando um bebê?", "pt")).toBeUndefined();
    expect(genderedFormIn("Vous n'êtes pas obligé de répondre.", "fr")).toBe("n'êtes pas obligé");
    expect(genderedFormIn("Vous a-t-on obligé à travailler ?", "fr")).toBe("Vous a-t-on obligé");
    expect(genderedFormIn("J'aimerais parler avec vous seul à seul.", "fr")).toBe("seul à seul");
    expect(genderedFormIn("Êtes-vous enceinte ?", "fr")).toBe("Êtes-vous enceinte");
    expect(genderedFormIn("Vous pouvez ne pas répondre.", "fr")).toBeUndefined();
    expect(genderedFormIn("Are you sure?", "en")).toBeUndefined();
    const sop = makeSop("gender", {
      a: { ...step.instruction("b"), say: { es: "¿Está usted cansada?", en: "Are you tired?" } } as Step,
      b: { ...step.instruction("c"), say: { es: "¿Necesita descansar?", en: "Do you need to rest?" } } as Step,
      c: step.end(),
    });
    const issues = lintSop(sop, makeLibrary([sop], library()));
    expect(codes(issues)).toEqual(["gendered-say /steps/a/say/es"]);
    expect(issues[0].severity).toBe("warning");
  });

  it("wants a resume step in the main flow and a follow-up owner that exists", () => {
    const sop = makeSop("resume", {
      ask: step.yesNo("alone", "done", {
        updatable: { resume: "nowhere" },
        effects: [{ followUp: "check", label: t("Check"), within: "24h", who: "nurse" }],
      }),
      done: step.end(),
    });
    expect(codes(lintSop(sop, makeLibrary([sop], library())))).toEqual([
      "unknown-step /steps/ask/updatable/resume",
      "unknown-role /steps/ask/effects/0/who",
    ]);
  });
});

describe("lint of a catalog file", () => {
  const file: Catalog = {
    services: [
      {
        id: "consulate",
        name: { en: "Consulate" },
        agency: "X",
        accepts: [],
        kind: "consulate",
        confidentiality: "public",
        description: t("Call ⚠"),
      },
    ],
    flags: [
      {
        id: "secret",
        label: t("Secret"),
        sensitivity: "confidential",
        instruction: t("Do not tell"),
        forbids: [{ kind: "consulat" }, { unlessFlag: "missing" }],
        concerns: ["tracing"],
      },
    ],
  };
  it("names every broken reference, missing translation, placeholder and missing public label", () => {
    const { catalog } = mergeCatalogs([{ file: "c.json", value: file, issues: [], locate: () => ({}) }] as never);
    expect(codes(lintCatalogFile(file, catalog))).toEqual([
      "missing-translation /services/0/name",
      "placeholder-text /services/0/description/es",
      "placeholder-text /services/0/description/en",
      "unknown-kind /flags/0/forbids/0/kind",
      "unknown-flag /flags/0/forbids/1/unlessFlag",
      "unknown-kind /flags/0/concerns/0",
      "missing-public-label /flags/0",
    ]);
  });
});

describe("the library's JSON layout", () => {
  it("keeps what fits on one line, and breaks the rest one member per line", () => {
    expect(formatJson({ a: [1, 2], b: { c: "d" } })).toBe('{ "a": [1, 2], "b": { "c": "d" } }\n');
    const long = { text: "x".repeat(130), list: [1] };
    expect(formatJson(long)).toBe(`{\n  "text": "${"x".repeat(130)}",\n  "list": [1]\n}\n`);
    expect(JSON.parse(formatJson(long))).toEqual(long);
  });
});
