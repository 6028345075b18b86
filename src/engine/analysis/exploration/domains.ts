import type { CelValue } from "../../expression/ExpressionScope";
import type { Bdd, BddNode } from "./Bdd";
import type { Domain, DomainKind } from "./types";

/** Hands out diagram variables for a domain; the default makes fresh ones, ordered after those made before. */
export type BitAllocator = (key: string, width: number) => number[];

/** Makes domains over one diagram store, each with its own variables. */
export class Domains {
  readonly all: Domain[] = [];
  readonly byKey = new Map<string, Domain>();
  /** The domain each diagram variable belongs to. */
  readonly ofVariable: Domain[] = [];

  constructor(
    private readonly bdd: Bdd,
    private readonly allocate: BitAllocator = (_key, width) => Array.from({ length: width }, () => bdd.newVariable()),
  ) {}

  /** A domain of `size` values (at least 2), or the one already made under this key. */
  make(key: string, kind: DomainKind, values: CelValue[], extra: Partial<Domain> = {}): Domain {
    const known = this.byKey.get(key);
    if (known) return known;
    const bdd = this.bdd;
    const size = Math.max(2, values.length);
    const width = Math.max(1, Math.ceil(Math.log2(size)));
    const bits = this.allocate(key, width);
    const is: BddNode[] = [];
    for (let value = 0; value < size; value++)
      is.push(bdd.assignment(bits.map((bit, i) => [bit, ((value >> (width - 1 - i)) & 1) === 1] as const)));
    const domain: Domain = {
      id: this.all.length,
      name: key,
      kind,
      bits,
      values,
      is,
      cube: bdd.cube(bits),
      ...extra,
    };
    this.all.push(domain);
    this.byKey.set(key, domain);
    for (const bit of bits) this.ofVariable[bit] = domain;
    return domain;
  }

  get(key: string): Domain | undefined {
    return this.byKey.get(key);
  }

  /** The domains a function depends on. */
  domainsOf(f: BddNode): Set<Domain> {
    const out = new Set<Domain>();
    for (const v of this.bdd.support(f)) out.add(this.ofVariable[v]);
    return out;
  }
}

/** The value index a domain has in a satisfying assignment (bits missing from it read as 0). */
export function valueIn(domain: Domain, assignment: ReadonlyMap<number, boolean>): number {
  let value = 0;
  for (const bit of domain.bits) value = (value << 1) | (assignment.get(bit) ? 1 : 0);
  return value;
}

/** Whether the assignment fixes every bit of the domain. */
export function fixes(domain: Domain, assignment: ReadonlyMap<number, boolean>): boolean {
  return domain.bits.every((bit) => assignment.has(bit));
}
