import type { CaseEvent } from "../../engine/index";

/** A relationship as `RELATIONSHIP_RECORDED` names it: what the other person is to the person of the case. */
export type Relation = Extract<CaseEvent, { type: "RELATIONSHIP_RECORDED" }>["relation"];
export type ClaimedBy = NonNullable<Extract<CaseEvent, { type: "RELATIONSHIP_RECORDED" }>["claimedBy"]>;

/** The relations in the order a form offers them: family first. */
export const RELATIONS: readonly Relation[] = [
  "child",
  "parent",
  "sibling",
  "partner",
  "grandchild",
  "grandparent",
  "other-relative",
  "in-care-of",
  "customary-caregiver",
  "travel-companion",
];

const INVERSE: Record<Relation, Relation> = {
  parent: "child",
  child: "parent",
  grandparent: "grandchild",
  grandchild: "grandparent",
  "customary-caregiver": "in-care-of",
  "in-care-of": "customary-caregiver",
  sibling: "sibling",
  "other-relative": "other-relative",
  partner: "partner",
  "travel-companion": "travel-companion",
};

/** The same relationship as recorded on the other person's case: if B is A's parent, A is B's child. */
export function inverseRelation(relation: Relation): Relation {
  return INVERSE[relation];
}

/** Whose word it is, seen from the other person's case. */
export function mirrorClaim(claimedBy: ClaimedBy): ClaimedBy {
  return claimedBy === "this" ? "other" : claimedBy === "other" ? "this" : "both";
}
