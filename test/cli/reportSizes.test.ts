import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A built app of one entry chunk (and a lazy Edit chunk) with the given code, as `vite build` lays it out. */
function fakeDist(entryCode: string): string {
  const dist = mkdtempSync(join(tmpdir(), "senda-sizes-"));
  mkdirSync(join(dist, ".vite"), { recursive: true });
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "assets", "index.js"), entryCode);
  writeFileSync(join(dist, "assets", "EditArea.js"), 'const view = "cm-content"; const elk = "org.eclipse.elk";');
  const manifest = {
    "index.html": { file: "assets/index.js", isEntry: true, dynamicImports: ["src/ui/editor/EditArea.tsx"] },
    "src/ui/editor/EditArea.tsx": { file: "assets/EditArea.js", isDynamicEntry: true },
  };
  writeFileSync(join(dist, ".vite", "manifest.json"), JSON.stringify(manifest));
  return dist;
}

function report(dist: string) {
  const run = spawnSync(process.execPath, ["scripts/reportSizes.js", dist], { encoding: "utf8" });
  rmSync(dist, { recursive: true, force: true });
  return run;
}

describe("the bundle report", () => {
  it("passes when the editor's code stays in its lazy chunk", () => {
    const run = report(fakeDist('console.log("queue");'));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Editor code in it: none");
  });

  it("fails the build when CodeMirror or ELK leaks into the Cases entry", () => {
    const run = report(fakeDist('const a = "cm-content"; const b = "org.eclipse.elk.layered";'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/CodeMirror in assets\/index\.js, ELK in assets\/index\.js/);
  });
});
