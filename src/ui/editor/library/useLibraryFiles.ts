import { formatJson, type SourceFile } from "../../../engine/index";
import type { LibraryEntry, PublishedVersion } from "../../../store/index";

// The raw text of every shipped file, so that problems in shipped SOPs, catalogs and scenarios point at their real
// lines. Only the Edit area's chunk carries them.
const shipped = import.meta.glob<string>("/sop/**/*.json", { query: "?raw", import: "default", eager: true });

/** The shipped files by path ("sop/uasc.sop.json"). */
export const SHIPPED_FILES: SourceFile[] = Object.entries(shipped)
  .map(([path, text]) => ({ path: path.replace(/^\//, ""), text }))
  .sort((a, b) => a.path.localeCompare(b.path));

/** The path an SOP's file has in the library (and in a maintainer's git repository). */
export function sopPath(id: string): string {
  return `sop/${id}.sop.json`;
}

/**
 * The text of a published version: the shipped file itself when it is the shipped text, else the definition in the
 * library's layout (`senda format`), so that an exported file diffs cleanly in a maintainer's git repository.
 */
export function versionText(version: PublishedVersion): string {
  if (version.origin === "shipped") {
    const file = SHIPPED_FILES.find((f) => f.path === sopPath(version.sop));
    if (file && sameJson(file.text, version.definition)) return file.text;
  }
  return formatJson(version.definition);
}

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

/**
 * What a draft is checked against: the catalog and scenarios as shipped, and the newest published version of every
 * SOP in the library.
 */
export function libraryFiles(entries: readonly LibraryEntry[]): SourceFile[] {
  const files = SHIPPED_FILES.filter((f) => !f.path.endsWith(".sop.json"));
  for (const entry of entries) {
    const newest = entry.versions[0];
    if (newest) files.push({ path: sopPath(entry.sop), text: versionText(newest) });
  }
  return files;
}
