import { catalogs } from "virtual:senda-catalog";
import { sopIndex, sopLoaders } from "virtual:senda-sops";
import { buildLibrary, type CaseOpened, type CompiledSop, compileSop, type SopDefinition } from "../../engine/index";
import { openSopLibraryStore, type PublishedVersion, type SopLibraryStore } from "../../store/index";
import { collectBundleIds } from "./shippedLibrary";

const compiledById = new Map<string, Promise<CompiledSop>>();
const compiledByHash = new Map<string, Promise<CompiledSop>>();
/** Compiled bundles by the content hashes of their members: a new case on versions already compiled compiles nothing. */
const compiledByMembers = new Map<string, CompiledSop>();
/** Bundle hashes recorded in the library by this page: recorded once. */
const bundlesSaved = new Set<string>();
let libraryOpening: Promise<SopLibraryStore> | undefined;

/**
 * Loads and compiles a shipped SOP with the SOPs it runs, once per page: the version built into the app (the
 * trainer's scenarios are written against it). The definitions were validated and linted in CI, so no schema
 * validator is loaded here. This module (with the engine's compiler, XState and CEL) is only reached from lazy
 * chunks, so that the queue loads without it.
 */
export function loadCompiledSop(id: string): Promise<CompiledSop> {
  let pending = compiledById.get(id);
  if (!pending) {
    pending = (async () => {
      const ids = collectBundleIds(id);
      const definitions: SopDefinition[] = await Promise.all(ids.map((x) => sopLoaders[x]()));
      return compile(id, definitions);
    })();
    // A failed load (say, offline before the chunk was cached) may succeed later: do not keep the failure.
    pending.catch(() => compiledById.delete(id));
    compiledById.set(id, pending);
  }
  return pending;
}

/**
 * The SOP library on this device, opened once per page, with every shipped SOP written into it as a published
 * version the first time a build is seen.
 */
export function openSopLibrary(): Promise<SopLibraryStore> {
  if (!libraryOpening) {
    libraryOpening = (async () => {
      const library = await openSopLibraryStore();
      const stamp = sopIndex.map((e) => `${e.id}@${e.version}`).join(",");
      if (!(await library.isSeeded(stamp))) {
        const definitions = await Promise.all(sopIndex.map((e) => sopLoaders[e.id]()));
        await library.seed(definitions, new Date().toISOString(), stamp);
      }
      return library;
    })();
    libraryOpening.catch(() => {
      libraryOpening = undefined;
    });
  }
  return libraryOpening;
}

/**
 * What a new case runs on: the newest published version of the SOP and of every SOP it runs, from the device's
 * library, recorded as a bundle so that the case finds the same versions when it is opened again. Falls back to
 * the shipped versions when the library cannot be opened. The newest versions are looked up every time (another tab
 * may have published one); their compilation is kept for the page, by the members' content hashes.
 */
export async function loadNewestCompiledSop(id: string): Promise<CompiledSop> {
  const library = await openSopLibrary().catch(() => undefined);
  if (!library) return loadCompiledSop(id);
  const versions = new Map<string, PublishedVersion>();
  // The SOPs each level runs are looked up together: one round of reads per level of procedures, not one per SOP.
  for (let level = [id]; level.length > 0; ) {
    const found = await Promise.all(level.map((sop) => library.newestVersion(sop)));
    const next = new Set<string>();
    found.forEach((newest, i) => {
      if (!newest) throw new Error(`The SOP "${level[i]}" is not in this device's library.`);
      versions.set(level[i], newest);
      for (const step of Object.values(newest.definition.steps))
        if (step.kind === "procedure" && !versions.has(step.sop)) next.add(step.sop);
    });
    level = [...next].filter((sop) => !versions.has(sop));
  }
  // A version's hash is its content's: the same members (and the shipped catalog) compile to the same machine.
  const key = `${id}|${[...versions]
    .map(([sop, v]) => `${sop}@${v.hash}`)
    .sort()
    .join(",")}`;
  let compiled = compiledByMembers.get(key);
  if (!compiled) {
    compiled = compile(
      id,
      [...versions.values()].map((v) => v.definition),
    );
    compiledByMembers.set(key, compiled);
  }
  if (!bundlesSaved.has(compiled.hash)) {
    await library.saveBundle(compiled.hash, Object.fromEntries([...versions].map(([sop, v]) => [sop, v.hash])));
    bundlesSaved.add(compiled.hash);
  }
  if (!compiledByHash.has(compiled.hash)) compiledByHash.set(compiled.hash, Promise.resolve(compiled));
  return compiled;
}

/**
 * The exact SOP versions a case was opened on, by the bundle hash its first event pins: the shipped versions when
 * they are the ones, else those recorded in the device's library (so a case opened before a new version was
 * published still replays). The caller's replay refuses a hash that does not match, with the reason.
 */
export function loadCompiledSopOfCase(pin: CaseOpened["sop"]): Promise<CompiledSop> {
  let pending = compiledByHash.get(pin.hash);
  if (!pending) {
    pending = (async () => {
      // Most cases run on the versions built into the app: no need to open the library for them.
      const shipped = await loadCompiledSop(pin.id).catch(() => undefined);
      if (shipped?.hash === pin.hash) return shipped;
      const library = await openSopLibrary().catch(() => undefined);
      const bundle = await library?.getBundle(pin.hash);
      if (library && bundle) {
        const members = await Promise.all(
          Object.entries(bundle.members).map(([sop, hash]) => library.getVersion(sop, hash)),
        );
        if (members.every((m) => m !== undefined)) {
          const compiled = compile(
            pin.id,
            members.map((m) => m!.definition),
          );
          if (compiled.hash === pin.hash) return compiled;
        }
      }
      return loadCompiledSop(pin.id);
    })();
    pending.catch(() => compiledByHash.delete(pin.hash));
    compiledByHash.set(pin.hash, pending);
  }
  return pending;
}

function compile(id: string, definitions: SopDefinition[]): CompiledSop {
  const library = buildLibrary(definitions, catalogs);
  return compileSop(library.sops.get(id)!, library);
}
