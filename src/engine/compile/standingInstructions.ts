import type { CatalogIndex, Forbid } from "../definition/types";
import { isAbove, receivesLevel } from "./levels";

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

/**
 * Whether the slip for `service` states the standing instruction of `flag` while the flag is raised (as `buildSlip`
 * does): the flag has an instruction, it concerns the service's kind (or every service), and the service may
 * receive it, in full or by the flag's public words. Depends on the catalog alone.
 */
export function slipStatesInstruction(catalog: CatalogIndex, service: string, flag: string): boolean {
  const entry = catalog.flags.get(flag);
  const target = catalog.services.get(service);
  if (!entry?.instruction || !target) return false;
  if (entry.concerns && !(target.kind !== undefined && entry.concerns.includes(target.kind))) return false;
  return !isAbove(entry.sensitivity, receivesLevel(target)) || entry.publicLabel !== undefined;
}
