import type { Step } from "../../src/engine/index";
import { formatAnswer } from "../../src/ui/runner/formatAnswer";
import { messagesEn as en } from "../../src/ui/shared/i18n/messagesEn";

const i18n = {
  t: (key: string) => en[key as keyof typeof en] ?? key,
  text: (value: Record<string, string> | undefined) => value?.en ?? "",
  formatDateTime: (iso: string) => iso,
} as unknown as Parameters<typeof formatAnswer>[2];

const referral = {
  kind: "referral",
  title: { es: "Clínica", en: "Clinic" },
  service: "clinic",
  urgency: "urgent",
  reason: { es: "Revisión", en: "Check-up" },
  next: "done",
} as Step;

describe("a referral's answer as the officer reads it", () => {
  it("says accepted or declined for an offer", () => {
    expect(formatAnswer(referral, true, i18n)).toBe(en["referral.consents"]);
    expect(formatAnswer(referral, false, i18n)).toBe(en["referral.declines"]);
  });

  it("says added or not added for an addition to a referral already made, never declined", () => {
    expect(formatAnswer(referral, true, i18n, true)).toBe(en["referral.add"]);
    expect(formatAnswer(referral, false, i18n, true)).toBe(en["referral.doNotAdd"]);
    expect(formatAnswer(referral, false, i18n, true)).not.toBe(en["referral.declines"]);
  });
});
