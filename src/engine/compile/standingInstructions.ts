import type { CatalogIndex, Forbid } from "../definition/types";

/**
 * The raised flags whose standing instructions forbid a referral to `service`. `withConsent` says whether the
 * referral would be made with the person's consent (a rule against referrals without consent spares those).
 * A rule with `unlessFlag` is lifted while that flag is raised (a verification).
 */
export function forbiddingFlags(
  flags: readonly string[],
  catalog: CatalogIndex,
  service: string,
  withConsent: boolean,
): string[] {
  const kind = catalog.services.get(service)?.kind;
  const found: string[] = [];
  for (const flag of flags) {
    const rules = catalog.flags.get(flag)?.forbids;
    if (rules?.some((rule) => forbids(rule, service, kind, withConsent, flags))) found.push(flag);
  }
  return found;
}

function forbids(
  rule: Forbid,
  service: string,
  kind: string | undefined,
  withConsent: boolean,
  flags: readonly string[],
): boolean {
  if (rule.unlessFlag && flags.includes(rule.unlessFlag)) return false;
  const targeted = rule.kind !== undefined || rule.service !== undefined;
  const hit = !targeted || (kind !== undefined && rule.kind === kind) || rule.service === service;
  if (!hit) return false;
  if (rule.withoutConsent) return !withConsent;
  return targeted;
}

/**
 * The raised flags that forbid a referral step's referral as the officer would record it: with consent, or for a
 * mandatory notification without it. The engine refuses to make it, and records it as forbidden when not made.
 */
export function referralForbiddenBy(
  flags: readonly string[],
  catalog: CatalogIndex,
  service: string,
  mandatory: boolean,
  consent: boolean,
): string[] {
  return forbiddingFlags(flags, catalog, service, mandatory ? consent : true);
}
