import { hashJson } from "../../compile/hashBundle";
import type { SopDefinition } from "../../definition/types";
import { celValueKey } from "../answers/celValueKey";
import type { BddNode } from "../exploration/Bdd";
import type { CheckSpec, Domain, Model } from "../exploration/types";

/** Beyond this many distinct entry states, a call site's entry is not written down (nor its proofs kept). */
const MAX_STATES = 512;

/**
 * What the call-site proofs (`proveCallSites`) settled for a procedure entered with given states, kept across the
 * SOPs of one check of a library: screening runs alone, inside arrival twice (directly and inside reverse-flow) and
 * inside reverse-flow, and is proven once for each distinct way in instead of once per place.
 *
 * A procedure's run from its first step to its ends depends on nothing but its own text (and that of the
 * procedures it runs) and the states it is entered with. So the key is the procedure's text (a content hash of
 * every SOP it runs) with its entry written out state by state, each fact by its name with the call site's path
 * made relative ("@"), and the value kept is which of its checks (and its procedures' checks), also by relative
 * place, were proven. Only proofs are kept: what was left open is tried again. Valid for one catalog.
 *
 * @example
 * const cache = new CallSiteCache();
 * for (const sop of library) checkSop(sop, { callSites: cache });
 */
export class CallSiteCache {
  private readonly proofs = new Map<string, Set<string>>();
  /** Invariants proven, each by `invariantKeyOf`: its procedure, itself, and the entry on what it reads. */
  private readonly invariantProofs = new Set<string>();
  private readonly hashes = new WeakMap<SopDefinition, string>();
  /**
   * Sites found in the cache, and sites proven and written to it; invariants found proven by what they read of their
   * entry, and invariants written so.
   */
  readonly stats = { hits: 0, stored: 0, invariantHits: 0, invariantStored: 0 };
  /** Procedures (by `textOf`) whose own promises were too large to prove all at once: tried a few at a time. */
  readonly tooLargeAtOnce = new Set<string>();

  /** The text of the procedure run at a call site and of every procedure it runs, as a content hash. */
  textOf(model: Model, site: string): string {
    return this.keyFor(model, site, []);
  }

  /** The key of a call site entered with `entry` (over `needs`), or undefined when the entry is too large to write. */
  keyOf(model: Model, site: string, entry: BddNode, needs: readonly Domain[]): string | undefined {
    const states = statesOf(model, entry, needs, site, MAX_STATES);
    return states && this.keyFor(model, site, states.map((s) => s.text).sort());
  }

  /**
   * The entry's states one by one, each with its key, or undefined beyond `most`: a procedure that runs others is
   * proven state by state, as it is alone from the opening of a case, each state once.
   */
  split(
    model: Model,
    site: string,
    entry: BddNode,
    needs: readonly Domain[],
    most: number,
  ): { key: string; states: BddNode }[] | undefined {
    const states = statesOf(model, entry, needs, site, most);
    return states?.map((s) => ({ key: this.keyFor(model, site, [s.text]), states: s.states }));
  }

  /**
   * The key of one invariant (`group`: its checks at one place) of the procedure run at `site` (the SOP itself for
   * ""), entered with `entry` projected on `cone`, the facts the invariant can read there (its cone of influence:
   * what its own condition, and every route, guard and effect on the way to it, reads, in the procedures it runs
   * too). Entries that differ only in facts outside the cone give the same key: the invariant holds for one as for
   * the other, since nothing that decides it reads them. Undefined when the projection has too many states.
   *
   * A procedure entered with nothing it reads set (every fact of its cone at its first value) has the key of the
   * same SOP checked alone from a case's opening, so a proof made either way serves the other.
   */
  invariantKeyOf(
    model: Model,
    site: string,
    entry: BddNode,
    cone: readonly Domain[],
    group: readonly CheckSpec[],
  ): string | undefined {
    const states = statesOf(model, entry, cone, site, MAX_STATES);
    if (!states) return undefined;
    const check = group[0];
    return `${this.keyFor(model, site, states.map((s) => s.text).sort())}\u0003${place(check.scope ?? "", site)}\u0000${check.sop}\u0000${check.invariant}`;
  }

  /** Whether the invariant was proven for an entry with that key. */
  provenFor(key: string): boolean {
    const known = this.invariantProofs.has(key);
    if (known) this.stats.invariantHits++;
    return known;
  }

  /** Writes down that the invariant with that key is proven. */
  setProven(key: string) {
    if (this.invariantProofs.has(key)) return;
    this.invariantProofs.add(key);
    this.stats.invariantStored++;
  }

  private keyFor(model: Model, site: string, states: string[]): string {
    const texts: string[] = [];
    for (const [path, scope] of model.compiled.scopes)
      if (site === "" || path === site || path.startsWith(`${site}/`))
        texts.push(`${place(path, site)}=${this.hashOf(scope.sop)}`);
    return `${texts.sort().join(",")}\u0001${states.join("\u0002")}`;
  }

  /** The relative keys of the checks proven for a site entered as `key`. */
  get(key: string): ReadonlySet<string> | undefined {
    const known = this.proofs.get(key);
    if (known) this.stats.hits++;
    return known;
  }

  set(key: string, proven: Set<string>) {
    this.proofs.set(key, proven);
    this.stats.stored++;
  }

  private hashOf(sop: SopDefinition): string {
    let hash = this.hashes.get(sop);
    if (hash === undefined) {
      hash = hashJson(sop);
      this.hashes.set(sop, hash);
    }
    return hash;
  }
}

/** A check's place relative to a call site, with what it expects: the same check wherever the procedure runs. */
export function relativeCheckKey(check: CheckSpec, site: string): string {
  return `${place(check.scope ?? "", site)}\u0000${check.sop}\u0000${check.invariant}\u0000${JSON.stringify(check.expectation)}`;
}

/** A procedure's path relative to a call site, "@" standing for the site (for "", the SOP checked alone). */
function place(path: string, site: string): string {
  if (site === "") return path === "" ? "@" : `@/${path}`;
  return relative(path, site);
}

/** A path or a fact's name with the call site's path replaced by "@" wherever it stands as a whole path. */
function relative(text: string, site: string): string {
  if (!site) return text;
  let out = "";
  let i = 0;
  for (;;) {
    const at = text.indexOf(site, i);
    if (at < 0) return out + text.slice(i);
    const before = at === 0 ? "" : text[at - 1];
    const after = text[at + site.length] ?? "";
    const whole = (before === "" || " |=:".includes(before)) && (after === "" || "/:|#".includes(after));
    out += text.slice(i, at) + (whole ? "@" : site);
    i = at + site.length;
  }
}

/**
 * The states of `entry` one by one, each as its facts that are not at their first value ("name=value", sorted),
 * the site's path made relative; sorted. Undefined beyond `MAX_STATES`.
 */
function statesOf(
  model: Model,
  entry: BddNode,
  needs: readonly Domain[],
  site: string,
  most: number,
): { text: string; states: BddNode }[] | undefined {
  const { bdd } = model;
  const domains = [...needs].sort((a, b) => a.bits[0] - b.bits[0]);
  // Counted before they are written out: an entry of a few hundred thousand nodes with thousands of states would
  // otherwise be taken apart value by value (gigabytes of nodes) only to be given up. The count is over the
  // encodings of the kept facts' values: the number of distinct states.
  const kept = new Set(domains.flatMap((d) => d.bits));
  const others = [...bdd.support(entry)].filter((v) => !kept.has(v));
  let projected = others.length ? bdd.exists(entry, bdd.cube(others)) : entry;
  // Only the encodings of values: a fact the entry leaves free counts its values, not its bits' combinations.
  for (const d of domains)
    if (d.values.length < 2 ** d.bits.length) projected = bdd.and(projected, bdd.orAll(d.is.slice(0, d.values.length)));
  if (bdd.countOver(projected, [...kept]) > most) return undefined;
  const out: { text: string; states: BddNode }[] = [];
  const facts: string[] = [];
  const visit = (f: BddNode, index: number, state: BddNode): boolean => {
    if (f === bdd.false) return true;
    if (index === domains.length) {
      out.push({ text: [...facts].sort().join(";"), states: state });
      return out.length <= most;
    }
    const domain = domains[index];
    for (let v = 0; v < domain.values.length; v++) {
      const here = bdd.and(f, domain.is[v]);
      if (here === bdd.false) continue;
      const rest = bdd.exists(here, domain.cube);
      if (v > 0) {
        const value = domain.kind === "variable" ? celValueKey(domain.values[v]) : String(domain.values[v]);
        facts.push(relative(`${domain.name}=${value}`, site));
      }
      const ok = visit(rest, index + 1, bdd.and(state, domain.is[v]));
      if (v > 0) facts.pop();
      if (!ok) return false;
    }
    return true;
  };
  return visit(entry, 0, bdd.true) ? out : undefined;
}
