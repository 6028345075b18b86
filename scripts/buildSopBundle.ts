/**
 * A Vite plugin that bundles the shipped SOP library for the officers' client as three virtual modules.
 * `virtual:senda-sops`, for the queue: the flags, sites and roles of the catalog (labels only), an index of every SOP (id,
 * version, title and the SOPs it runs as procedures) and one lazy loader per SOP, so each SOP is its own chunk, fetched (or
 * read from the service worker's cache) only when a case on it is opened. No schema validator reaches the browser this way:
 * CI has already validated and linted these files. `virtual:senda-catalog`: the whole catalog, for the case screens.
 * `virtual:senda-sop-hashes`: each SOP's content hash and its bundle's, for opening a new case without hashing.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "vite";
import { hashJson } from "../src/engine/index";

const VIRTUAL_ID = "virtual:senda-sops";
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
const CATALOG_ID = "virtual:senda-catalog";
const RESOLVED_CATALOG_ID = `\0${CATALOG_ID}`;
const HASHES_ID = "virtual:senda-sop-hashes";
const RESOLVED_HASHES_ID = `\0${HASHES_ID}`;

/** One line of the SOP index: what the queue and the loader need before the SOP itself is fetched. */
export interface SopIndexEntry {
  id: string;
  version: string;
  title: Record<string, string>;
  procedures: string[];
}

/** The hashes of a shipped SOP, computed at build time. */
export interface SopHashes {
  /** The content hash of this version (as the SOP library names it). */
  hash: string;
  /** The content hash of the bundle a case on this SOP runs on when every SOP in it is the shipped version. */
  bundleHash: string;
}

/** Builds the virtual module's source from the library folder; throws with the file and reason on bad JSON. */
export function generateSopModule(
  root: string,
  folder = "sop",
): { code: string; catalogCode: string; hashesCode: string; files: string[] } {
  const dir = join(root, folder);
  const catalogDir = join(dir, "catalog");
  const sopFiles = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".sop.json")) : [];
  const catalogFiles = existsSync(catalogDir) ? readdirSync(catalogDir).filter((f) => f.endsWith(".json")) : [];
  sopFiles.sort();
  catalogFiles.sort();
  const index: SopIndexEntry[] = [];
  const loaders: string[] = [];
  const seen = new Map<string, string>();
  const definitions = new Map<string, unknown>();
  for (const file of sopFiles) {
    const sop = readJson(join(dir, file), `${folder}/${file}`) as {
      id?: unknown;
      version?: unknown;
      title?: unknown;
      steps?: Record<string, { kind?: string; sop?: string }>;
    };
    if (typeof sop.id !== "string" || typeof sop.version !== "string" || !sop.title || !sop.steps)
      throw new Error(`${folder}/${file}: an SOP needs "id", "version", "title" and "steps"; run \`senda validate\`.`);
    if (seen.has(sop.id))
      throw new Error(`${folder}/${file}: the SOP id "${sop.id}" is also used by ${seen.get(sop.id)}.`);
    seen.set(sop.id, `${folder}/${file}`);
    const procedures = [
      ...new Set(
        Object.values(sop.steps)
          .filter((s) => s?.kind === "procedure" && typeof s.sop === "string")
          .map((s) => s.sop as string),
      ),
    ];
    definitions.set(sop.id, sop);
    const entry = { id: sop.id, version: sop.version, title: sop.title as Record<string, string>, procedures };
    index.push(entry);
    loaders.push(
      `  ${JSON.stringify(sop.id)}: () => import(${JSON.stringify(`/${folder}/${file}`)}).then((m) => m.default),`,
    );
  }
  // As compileSop hashes a bundle: its SOPs' definitions in the order of their ids.
  const hashes: Record<string, SopHashes> = {};
  for (const entry of index) {
    const ids = bundleIds(entry.id, index);
    const bundleHash = ids.every((id) => definitions.has(id))
      ? hashJson(ids.sort().map((id) => definitions.get(id)))
      : "";
    hashes[entry.id] = { hash: hashJson(definitions.get(entry.id)), bundleHash };
  }
  // The queue needs only flag labels, site names and roles: the full catalog (service descriptions…) is a module of
  // its own, imported by the case screens, which are lazy. A flag's instruction ships here only when the flag is
  // public: the queue, a public surface, never shows more.
  const flags: Record<string, unknown>[] = [];
  const sites: Record<string, unknown>[] = [];
  const roles: Record<string, unknown>[] = [];
  for (const file of catalogFiles) {
    const catalog = readJson(join(catalogDir, file), `${folder}/catalog/${file}`) as {
      flags?: {
        id: string;
        label: unknown;
        sensitivity: string;
        priority?: number;
        instruction?: unknown;
        publicLabel?: unknown;
      }[];
      sites?: { id: string; name: unknown; status: string }[];
      roles?: { id: string; name: unknown; sees: string[] }[];
    };
    for (const f of catalog.flags ?? [])
      flags.push({
        id: f.id,
        label: f.label,
        sensitivity: f.sensitivity,
        ...(f.priority !== undefined ? { priority: f.priority } : {}),
        ...(f.instruction && f.sensitivity === "public" ? { instruction: f.instruction } : {}),
        ...(f.publicLabel ? { publicLabel: f.publicLabel } : {}),
      });
    for (const site of catalog.sites ?? []) sites.push({ id: site.id, name: site.name, status: site.status });
    for (const role of catalog.roles ?? []) roles.push({ id: role.id, name: role.name, sees: role.sees });
  }
  const code = [
    `export const queueCatalog = ${JSON.stringify({ flags, sites, roles })};`,
    `export const sopIndex = ${JSON.stringify(index)};`,
    "export const sopLoaders = {",
    ...loaders,
    "};",
  ].join("\n");
  const catalogCode = [
    ...catalogFiles.map((file, i) => `import catalog${i} from ${JSON.stringify(`/${folder}/catalog/${file}`)};`),
    `export const catalogs = [${catalogFiles.map((_, i) => `catalog${i}`).join(", ")}];`,
  ].join("\n");
  return {
    code,
    catalogCode,
    hashesCode: `export const sopHashes = ${JSON.stringify(hashes)};`,
    files: [...sopFiles.map((f) => join(dir, f)), ...catalogFiles.map((f) => join(catalogDir, f))],
  };
}

/** The ids of an SOP and of every SOP it runs, directly or not (those not in the library left out). */
function bundleIds(id: string, index: readonly SopIndexEntry[]): string[] {
  const byId = new Map(index.map((e) => [e.id, e]));
  const found = new Set<string>();
  const visit = (current: string) => {
    if (found.has(current)) return;
    found.add(current);
    for (const callee of byId.get(current)?.procedures ?? []) visit(callee);
  };
  visit(id);
  return [...found];
}

function readJson(path: string, name: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${name} is not valid JSON (${(error as Error).message}); run \`senda validate\` to locate it.`);
  }
}

/**
 * The Vite plugin serving `virtual:senda-sops`, rebuilt when a file of the library changes in dev. The library is
 * `sop/` unless the environment variable SENDA_LIBRARY names another folder of the project (browser tests build the
 * app on a small fixture library that way).
 */
export function buildSopBundle(folder = process.env.SENDA_LIBRARY || "sop"): Plugin {
  let root = process.cwd();
  return {
    name: "senda-sop-bundle",
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      if (id === VIRTUAL_ID) return RESOLVED_ID;
      if (id === CATALOG_ID) return RESOLVED_CATALOG_ID;
      if (id === HASHES_ID) return RESOLVED_HASHES_ID;
      return undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID && id !== RESOLVED_CATALOG_ID && id !== RESOLVED_HASHES_ID) return undefined;
      const { code, catalogCode, hashesCode, files } = generateSopModule(root, folder);
      for (const file of files) this.addWatchFile(file);
      return id === RESOLVED_ID ? code : id === RESOLVED_CATALOG_ID ? catalogCode : hashesCode;
    },
    configureServer(server) {
      const dir = join(root, folder);
      server.watcher.add(dir);
      const refresh = (file: string) => {
        if (!file.startsWith(dir) || !file.endsWith(".json")) return;
        for (const id of [RESOLVED_ID, RESOLVED_CATALOG_ID, RESOLVED_HASHES_ID]) {
          const module = server.moduleGraph.getModuleById(id);
          if (module) server.moduleGraph.invalidateModule(module);
        }
      };
      server.watcher.on("add", refresh);
      server.watcher.on("unlink", refresh);
    },
  };
}
