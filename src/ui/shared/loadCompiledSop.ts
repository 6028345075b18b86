import { catalogs } from "virtual:senda-catalog";
import { sopHashes } from "virtual:senda-sop-hashes";
import { sopIndex, sopLoaders } from "virtual:senda-sops";
import { buildLibrary, type CaseOpened, type CompiledSop, compileSop, type SopDefinition } from "../../engine/index";
import { openSopLibraryStore, type PublishedVersion, type SopLibraryStore } from "../../store/index";
import { collectBundleIds } from "./shippedLibrary";

const compiledById = new Map<string, Promise<CompiledSop>>();
const compiledByHash = new Map<string, Promise<CompiledSop>>();
/** Compiled bundles by the content hashes of their members: a new case on versions already compiled compiles nothing. */
const compiledByMembers = new Map<string, CompiledSop>();
/** Bundle hashes recorded in the library by this page, with the write: recorded once (a failed write is tried again). */
const bundlesSaved = new Map<string, Promise<void>>();
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
      // The bundle's hash was computed when the app was built, from these same files.
      return compile(id, definitions, sopHashes[id]?.bundleHash || undefined);
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

/** What a new case on an SOP runs on, once looked up: compiled, and the write recording its bundle. */
export interface NewestBundle {
  compiled: CompiledSop;
  /**
   * The library's record of which versions the bundle hash is made of (so that the case finds them when opened
   * again): the case's first event is written once it is stored. Settled at once when it was stored before.
   */
  recorded: Promise<void>;
}

/** The newest versions of each SOP's bundle as last looked up, by the SOP's id; dropped when the library changes. */
const newestById = new Map<string, Promise<NewestBundle>>();
/** The library whose published versions are watched, so that `newestById` is dropped when one is written. */
let watched: SopLibraryStore | undefined;

/**
 * What a new case runs on: the newest published version of the SOP and of every SOP it runs, from the device's
 * library, recorded as a bundle so that the case finds the same versions when it is opened again. Falls back to
 * the shipped versions when the library cannot be opened. The lookup is kept for the page until a version is
 * written to the library (here, in another tab, or by replication: the library's changes feed), so "New case"
 * reads nothing from IndexedDB once the queue has prepared it; its compilation is kept by the members' hashes.
 */
export async function loadNewestBundle(id: string): Promise<NewestBundle> {
  const library = await openSopLibrary().catch(() => undefined);
  if (!library) return { compiled: await loadCompiledSop(id), recorded: Promise.resolve() };
  if (watched !== library) {
    watched = library;
    library.watchVersions(() => newestById.clear());
  }
  let pending = newestById.get(id);
  if (!pending) {
    const looking = lookUpNewest(library, id);
    // A failed lookup or bundle record is tried again next time; a later one that replaced it is kept.
    looking
      .then((bundle) => bundle.recorded)
      .catch(() => {
        if (newestById.get(id) === looking) newestById.delete(id);
      });
    newestById.set(id, looking);
    pending = looking;
  }
  return pending;
}

/** The newest compiled versions of an SOP (see `loadNewestBundle`), once its bundle is recorded in the library. */
export async function loadNewestCompiledSop(id: string): Promise<CompiledSop> {
  const { compiled, recorded } = await loadNewestBundle(id);
  await recorded;
  return compiled;
}

async function lookUpNewest(library: SopLibraryStore, id: string): Promise<NewestBundle> {
  // Most devices hold only the shipped version of each SOP: the ids of the library's documents say so, and the
  // app's own copies of the definitions (and their bundle hash, from the build) are used; none is read from IndexedDB.
  const shipped = shippedMembers(id, await library.versionHashes());
  let compiled: CompiledSop | undefined;
  let members: Record<string, string>;
  if (shipped) {
    members = shipped;
    compiled = await loadCompiledSop(id);
  } else {
    const versions = await newestVersions(library, id);
    members = Object.fromEntries([...versions].map(([sop, v]) => [sop, v.hash]));
    // A version's hash is its content's: the same members (and the shipped catalog) compile to the same machine.
    const key = membersKey(id, members);
    compiled = compiledByMembers.get(key);
    if (!compiled) {
      compiled = compile(
        id,
        [...versions.values()].map((v) => v.definition),
      );
      compiledByMembers.set(key, compiled);
    }
  }
  if (!compiledByHash.has(compiled.hash)) compiledByHash.set(compiled.hash, Promise.resolve(compiled));
  const hash = compiled.hash;
  let recorded = bundlesSaved.get(hash);
  if (!recorded) {
    const saving = library.saveBundle(hash, members);
    bundlesSaved.set(hash, saving);
    saving.catch(() => {
      if (bundlesSaved.get(hash) === saving) bundlesSaved.delete(hash);
    });
    recorded = saving;
  }
  return { compiled, recorded };
}

/** The content hash of each SOP in the bundle of `id`, when the library holds the shipped version of each and no other. */
function shippedMembers(
  id: string,
  hashes: ReadonlyMap<string, readonly string[]>,
): Record<string, string> | undefined {
  if (!sopHashes[id]?.bundleHash) return undefined;
  const members: Record<string, string> = {};
  for (const sop of collectBundleIds(id)) {
    const held = hashes.get(sop);
    const shipped = sopHashes[sop].hash;
    if (held?.length !== 1 || held[0] !== shipped) return undefined;
    members[sop] = shipped;
  }
  return members;
}

/** The newest published version of an SOP and of every SOP it runs, read from the library. */
async function newestVersions(library: SopLibraryStore, id: string): Promise<Map<string, PublishedVersion>> {
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
  return versions;
}

function membersKey(id: string, members: Record<string, string>): string {
  return `${id}|${Object.entries(members)
    .map(([sop, hash]) => `${sop}@${hash}`)
    .sort()
    .join(",")}`;
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

function compile(id: string, definitions: SopDefinition[], knownHash?: string): CompiledSop {
  const library = buildLibrary(definitions, catalogs);
  return compileSop(library.sops.get(id)!, library, knownHash);
}
