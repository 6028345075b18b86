import type { ReferralSupersession, ReferralView } from "../../engine/index";
import type { CaseKey } from "./i18n/caseMessages";
import type { CaseI18n } from "./i18n/useCaseI18n";

// Each cause the engine can give, with its words when the step may be named and when it may not: a new cause
// without them is a compile error here, not an English sentence on a Spanish screen.
const CAUSES: Record<ReferralSupersession["cause"], { named: CaseKey; unnamed: CaseKey }> = {
  corrected: { named: "referral.cause.corrected", unnamed: "referral.cause.correctedUnnamed" },
  "went-back": { named: "referral.cause.wentBack", unnamed: "referral.cause.wentBackUnnamed" },
};

/**
 * Why a referral handed over before a correction was superseded, in the reader's language: what happened, naming the
 * step by its title in the SOP where the viewer may see it. A record kept from before the engine passed the cause as
 * data carries its sentence in `note`: that is shown as it was stored. Undefined when there is nothing to say.
 */
export function describeSupersession(
  referral: Pick<ReferralView, "supersededBy" | "supersededStep" | "note">,
  { t, text }: Pick<CaseI18n, "t" | "text">,
): string | undefined {
  const by = referral.supersededBy;
  if (!by) return referral.note || undefined;
  const words = CAUSES[by.cause];
  if (!words) return referral.note || undefined;
  const title = by.step && referral.supersededStep?.title ? text(referral.supersededStep.title) : "";
  return title ? t(words.named, { step: title }) : t(words.unnamed);
}
