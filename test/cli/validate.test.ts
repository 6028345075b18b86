import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ISSUE_LINE, ROOT, runCli, scratchCopy } from "./runCli";

describe("senda validate", () => {
  it("prints nothing but a summary for a clean library, and exits 0", async () => {
    const run = await runCli(["validate", "test/fixtures/library"]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual(["7 files checked: 0 errors, 0 warnings"]);
  });

  it("prints one line per issue, file:line:col: error CODE message (at /pointer), and exits 1 on an error", async () => {
    const run = await runCli(["validate", "test/fixtures/broken/unknown-step-next"]);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([
      'test/fixtures/broken/unknown-step-next/unknown-step-next.sop.json:33:15: error unknown-step Step "notify" goes to "closng", which does not exist. Did you mean "closing"? (at /steps/notify/next)',
    ]);
    expect(run.err).toEqual(["1 file checked: 1 error, 0 warnings"]);
  });

  it("exits 0 when there are only warnings", async () => {
    const run = await runCli(["validate", "test/fixtures/broken/route-after-default"]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      'test/fixtures/broken/route-after-default/route-after-default.sop.json:28:37: warning dead-end Step "ask-alone": route 1 has no condition, so the routes after it are never taken. (at /steps/ask-alone/next/1)',
    ]);
    expect(run.err).toEqual(["1 file checked: 0 errors, 1 warning"]);
  });

  it("treats what a shipped library must have as errors: an unreachable step, both languages, a default route, the file's name", async () => {
    for (const folder of ["unreachable-step", "missing-translation", "no-default-route", "id-mismatch"]) {
      const run = await runCli(["validate", `test/fixtures/broken/${folder}`]);
      expect(run.code).toBe(1);
      expect(run.out).toHaveLength(1);
      expect(run.out[0]).toMatch(ISSUE_LINE);
      expect(ISSUE_LINE.exec(run.out[0])![4]).toBe("error");
    }
  });

  it("gives located issues and exit 1, never a crash, for the inputs that once crashed it", async () => {
    for (const folder of [
      "crash-empty-effects-empty-next",
      "crash-empty-effects-null-next",
      "crash-empty-effects-number-next",
      "crash-empty-effects-route-without-to",
      "json-nested-deep",
    ]) {
      const run = await runCli(["validate", `test/fixtures/broken/${folder}`]);
      expect(run.code).toBe(1);
      expect(run.out.length).toBeGreaterThan(0);
      for (const line of run.out) expect(line).toMatch(ISSUE_LINE);
      expect(run.stderr).not.toMatch(/unexpected failure|a bug in senda/);
    }
  });

  it("prints bad JSON as an issue line at the place of the mistake, with no stack trace", async () => {
    const run = await runCli(["validate", "test/fixtures/broken/json-trailing-comma/json-trailing-comma.sop.json"]);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([
      "test/fixtures/broken/json-trailing-comma/json-trailing-comma.sop.json:38:23: error bad-json the file is not valid JSON: a comma before a closing } or ] (JSON allows none there); remove it (at /)",
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("gives every issue of the whole broken corpus in that format, sorted by file and line", async () => {
    const run = await runCli(["validate", "test/fixtures/broken"]);
    expect(run.code).toBe(1);
    const folders = readdirSync(join(ROOT, "test/fixtures/broken"));
    expect(run.out.length).toBeGreaterThanOrEqual(folders.length);
    for (const line of run.out) expect(line).toMatch(ISSUE_LINE);
    const places = run.out.map((line) => {
      const [, file, l, c] = ISSUE_LINE.exec(line)!;
      return [file, Number(l), Number(c)] as const;
    });
    const sorted = [...places].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);
    expect(places).toEqual(sorted);
    // Every folder's mistake is reported.
    for (const folder of folders) expect(run.stdout).toContain(`test/fixtures/broken/${folder}/`);
  });

  it("prints the issues as JSON with --json", async () => {
    const run = await runCli(["validate", "test/fixtures/broken/unknown-service", "--json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        code: "unknown-service",
        severity: "error",
        message: 'Step "notify" names the service "seniaf", which is not in the catalog. Did you mean "senniaf"?',
        params: { step: "notify", context: "referral", service: "seniaf", suggestion: "senniaf" },
        pointer: "/steps/notify/service",
        file: "test/fixtures/broken/unknown-service/unknown-service.sop.json",
        line: 33,
        column: 18,
      },
    ]);
    expect(run.err).toEqual([]);
    const clean = await runCli(["validate", "--json", "test/fixtures/library"]);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual([]);
  });

  it("checks one file against the library it belongs to (the nearest folder with a catalog)", async () => {
    const run = await runCli(["validate", "test/fixtures/library/intake.sop.json"]);
    expect(run).toMatchObject({ code: 0, out: [] });
    expect(run.err).toEqual(["1 file checked: 0 errors, 0 warnings"]);
  });

  it("validates one file in its library: an id change is reported at every reference it breaks, in their files", async () => {
    const scratch = scratchCopy("library");
    try {
      const child = join(scratch.dir, "child-protection.sop.json");
      writeFileSync(child, readFileSync(child, "utf8").replace('"id": "child-protection"', '"id": "child-care"'));
      const run = await runCli(["validate", "sop/child-protection.sop.json"], scratch.root);
      expect(run.code).toBe(1);
      expect(run.out[0]).toBe(
        'sop/child-protection.sop.json:3:9: error id-mismatch The SOP id "child-care" does not match its file name; name the file "child-care.sop.json". (at /id)',
      );
      // The step that runs it is found wherever it stands in intake.sop.json.
      const [, file, , , , code, message, pointer] = ISSUE_LINE.exec(run.out[1])!;
      expect([file, code, pointer]).toEqual(["sop/intake.sop.json", "unknown-sop", "/steps/child-protection/sop"]);
      expect(message).toBe(
        'Step "child-protection" runs the SOP "child-protection", which is not in the library. Did you mean "child-care"?',
      );
      expect(run.out).toHaveLength(2);
      expect(run.err).toEqual([
        "1 file checked: 1 error, 0 warnings; 1 error and 0 warnings in 1 other file that depend on it",
      ]);
    } finally {
      scratch.cleanup();
    }
  });

  it("prints a broken SOP's own errors before what they break in the files that run it, whatever the names", async () => {
    const scratch = scratchCopy("library");
    try {
      // Renamed so that the broken file sorts after the file that runs it.
      for (const name of readdirSync(scratch.dir, { recursive: true }) as string[]) {
        const path = join(scratch.dir, name);
        if (!name.endsWith(".json")) continue;
        writeFileSync(path, readFileSync(path, "utf8").replaceAll("child-protection", "zebra-protection"));
      }
      cpSync(join(scratch.dir, "child-protection.sop.json"), join(scratch.dir, "zebra-protection.sop.json"));
      rmSync(join(scratch.dir, "child-protection.sop.json"));
      const zebra = join(scratch.dir, "zebra-protection.sop.json");
      writeFileSync(zebra, readFileSync(zebra, "utf8").replace('"start": "', '"start": "Not An Id '));
      const run = await runCli(["validate", "sop"], scratch.root);
      expect(run.code).toBe(1);
      const files = run.out.map((line) => ISSUE_LINE.exec(line)?.[1]);
      expect(files[0]).toBe("sop/zebra-protection.sop.json");
      const firstConsequence = run.out.findIndex((line) => line.includes("fix that file first"));
      expect(firstConsequence).toBeGreaterThan(0);
      expect(files.slice(firstConsequence).every((f) => f !== "sop/zebra-protection.sop.json")).toBe(true);
      expect(files.slice(firstConsequence)).toContain("sop/intake.sop.json");
    } finally {
      scratch.cleanup();
    }
  });

  it("requires every text read aloud in the catalog's interview languages, and says which are not yet reviewed", async () => {
    const scratch = scratchCopy("library");
    try {
      writeFileSync(join(scratch.dir, "catalog", "languages.json"), JSON.stringify({ interviewLanguages: ["ht"] }));
      const missing = await runCli(["validate", "sop"], scratch.root);
      expect(missing.code).toBe(1);
      const codes = missing.out.map((line) => ISSUE_LINE.exec(line)?.slice(1, 8));
      expect(codes.length).toBeGreaterThan(0);
      // Only the texts read aloud need Creole; titles and guidance stay in the languages SOPs are written in.
      for (const [, , , severity, code, message, pointer] of codes as string[][]) {
        expect([severity, code, message.endsWith("the text has no ht version.")]).toEqual([
          "error",
          "missing-translation",
          true,
        ]);
        expect(pointer).toMatch(/\/say$/);
      }

      const intake = join(scratch.dir, "intake.sop.json");
      const child = join(scratch.dir, "child-protection.sop.json");
      for (const [file, reviewed] of [
        [intake, false],
        [child, true],
      ] as const) {
        const sop = JSON.parse(readFileSync(file, "utf8"));
        sop.translations = { ht: { reviewed } };
        const addCreole = (value: unknown): void => {
          if (!value || typeof value !== "object") return;
          for (const [key, child] of Object.entries(value)) {
            if (key === "say") (child as Record<string, string>).ht = "Tèks an kreyòl.";
            else addCreole(child);
          }
        };
        addCreole(sop.steps);
        writeFileSync(file, JSON.stringify(sop, null, 2));
      }
      const translated = await runCli(["validate", "sop"], scratch.root);
      expect(translated.out).toEqual([]);
      expect(translated.err).toEqual([
        "8 files checked: 0 errors, 0 warnings",
        "Not yet reviewed by a native speaker (officers see the texts marked): ht in 1 SOP (intake)",
      ]);
    } finally {
      scratch.cleanup();
    }
  });

  it("reports a renamed step at every scenario that plays through it, with did-you-mean", async () => {
    const scratch = scratchCopy("library");
    try {
      const intake = join(scratch.dir, "intake.sop.json");
      writeFileSync(intake, readFileSync(intake, "utf8").replaceAll('"ask-with"', '"ask-wiht"'));
      const run = await runCli(["validate", "sop/intake.sop.json"], scratch.root);
      expect(run.code).toBe(1);
      const lines = run.out.map((line) => ISSUE_LINE.exec(line)!);
      expect(lines.map((m) => [m[1], m[5], m[7]])).toEqual([
        ["sop/scenarios/adult-alone-no-incident.scenario.json", "unknown-step", "/steps/2/step"],
        ["sop/scenarios/adult-family.scenario.json", "unknown-step", "/steps/2/step"],
        ["sop/scenarios/child-alone-incident.scenario.json", "unknown-step", "/steps/2/step"],
      ]);
      expect(run.out[0]).toContain(
        'Action 3 is at step "ask-with", which the SOP "intake" does not have. Did you mean "ask-wiht"?',
      );
    } finally {
      scratch.cleanup();
    }
  });

  it("names a broken catalog file as the cause, instead of every reference to it", async () => {
    const scratch = scratchCopy("library");
    try {
      const flags = join(scratch.dir, "catalog/flags.json");
      writeFileSync(
        flags,
        readFileSync(flags, "utf8").replace('"sensitivity": "restricted"', '"sensitivity": "secret"'),
      );
      const run = await runCli(["validate", "sop/intake.sop.json"], scratch.root);
      expect(run.code).toBe(1);
      expect(run.out).toEqual([
        'sop/intake.sop.json:37:30: error catalog-invalid The catalog file sop/catalog/flags.json is invalid, so 3 references to its flags cannot be checked (the first: the flag "uasc" at step "ask-with"). Fix that file first. (at /steps/ask-with/effects/0/raise)',
      ]);
    } finally {
      scratch.cleanup();
    }
  });

  it("reports a $schema that names another kind's schema, or a file that is not there", async () => {
    const scratch = scratchCopy("library");
    try {
      const intake = join(scratch.dir, "intake.sop.json");
      const text = readFileSync(intake, "utf8");
      writeFileSync(intake, text.replace(/"\$schema": "[^"]*"/, '"$schema": "../schemas/scenario.schema.json"'));
      const wrong = await runCli(["validate", "sop/intake.sop.json"], scratch.root);
      expect(wrong.out).toEqual([
        'sop/intake.sop.json:2:14: error schema-reference "$schema" points at "../schemas/scenario.schema.json", which is not the schema for this kind of file; write "../schemas/sop.schema.json". (at /$schema)',
      ]);
      // With the schemas beside the library, a $schema that points elsewhere names a file that is not there.
      cpSync(join(ROOT, "schemas"), join(scratch.root, "schemas"), { recursive: true });
      writeFileSync(intake, text);
      const missing = await runCli(["validate", "sop/intake.sop.json"], scratch.root);
      expect(missing.out).toEqual([
        'sop/intake.sop.json:2:14: error schema-reference "$schema" points at "../../../schemas/sop.schema.json", which does not exist; write "../schemas/sop.schema.json". (at /$schema)',
      ]);
    } finally {
      scratch.cleanup();
    }
    expect((await runCli(["validate", "test/fixtures/library/intake.sop.json"])).out).toEqual([]);
  });

  it("checks sop/ when given no path, from where it runs", async () => {
    const scratch = scratchCopy("library");
    try {
      const intake = join(scratch.dir, "intake.sop.json");
      writeFileSync(intake, readFileSync(intake, "utf8").replace('"next": "ask-with"', '"next": "ask-wiht"'));
      const run = await runCli(["validate"], scratch.root);
      expect(run.code).toBe(1);
      expect(run.out).toEqual([
        'sop/intake.sop.json:22:15: error unknown-step Step "ask-dob" goes to "ask-wiht", which does not exist. Did you mean "ask-with"? (at /steps/ask-dob/next)',
      ]);
    } finally {
      scratch.cleanup();
    }
  });

  it("explains a missing sop/ folder, a missing path and a file it does not know, and exits 2", async () => {
    const scratch = scratchCopy("library", "elsewhere");
    try {
      expect(await runCli(["validate"], scratch.root)).toMatchObject({
        code: 2,
        out: [],
        err: ["senda validate: no sop/ folder here; give the paths to check"],
      });
    } finally {
      scratch.cleanup();
    }
    expect(await runCli(["validate", "test/fixtures/nowhere"])).toMatchObject({
      code: 2,
      err: ["senda validate: no such file or folder: test/fixtures/nowhere"],
    });
    expect(await runCli(["validate", "package.json"])).toMatchObject({
      code: 2,
      err: [
        "senda validate: package.json: not an SOP (*.sop.json), scenario (*.scenario.json) or catalog (catalog/*.json) file",
      ],
    });
  });
});
