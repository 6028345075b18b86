import { compileSop, emptyCatalog, type SopDefinition } from "../../src/engine/index";
import { CaseDriver } from "./caseDriver";
import { makeLibrary, makeSop, step, t } from "./sopBuilder";

// A child's case: with a parent, the officer goes straight to whether the child was hurt; otherwise one question
// more comes first. A hurt child is notified to child protection at once, without waiting for consent.
export const handoverSop = makeSop("handover", {
  "with-parent": step.yesNo("with_parent", [{ when: "with_parent", to: "hurt" }, { to: "who-cares" }]),
  "who-cares": step.yesNo("relative_cares", "hurt"),
  hurt: step.yesNo("hurt", [{ when: "hurt", to: "notify" }, { to: "done" }]),
  notify: {
    kind: "referral",
    title: t("Notify child protection"),
    service: "senniaf",
    urgency: "immediate",
    reason: t("A hurt child"),
    requiresConsent: false,
    next: "done",
  },
  done: step.end(),
});

/** Compiles the handover SOP with a catalog that holds child protection. */
export function compileHandover(definition: SopDefinition = handoverSop) {
  const catalog = emptyCatalog();
  catalog.services.set("senniaf", {
    id: "senniaf",
    name: t("Child protection"),
    agency: "SENNIAF",
    accepts: [],
    kind: "child-protection",
    confidentiality: "restricted",
  });
  return compileSop(definition, makeLibrary([definition], catalog));
}

/** A child notified at once and handed over, before the officer corrects an earlier answer. */
export function handedOver() {
  const d = new CaseDriver(compileHandover());
  d.answer("with-parent", true);
  d.answer("hurt", true);
  d.refer("notify", false);
  expect(d.send({ type: "REFERRAL_UPDATED", service: "senniaf", status: "handed-over" })).toMatchObject({ ok: true });
  return d;
}
