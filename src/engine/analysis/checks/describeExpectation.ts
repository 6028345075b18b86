import { pickText } from "../../case/viewCase";
import type { CompiledSop } from "../../compile/CompiledSop";

/** Words for an urgency, by locale. */
const URGENCY: Record<string, { es: string; en: string }> = {
  immediate: { es: "inmediata", en: "immediate" },
  urgent: { es: "urgente", en: "urgent" },
  routine: { es: "ordinaria", en: "routine" },
};

/** A duration as written in an SOP ("72h", "5d", "90m") in words. */
function durationWords(within: string, es: boolean): string {
  const match = /^([0-9.]+)(m|h|d)$/.exec(within);
  if (!match) return within;
  const unit = { m: es ? "min" : "min", h: "h", d: es ? "días" : "days" }[match[2] as "m" | "h" | "d"];
  return `${match[1]} ${unit}`;
}

/** An invariant's expectation in words: "a referral to SENNIAF", "the deadline … due within 72 h", "no visit to …". */
export function describeExpectation(
  compiled: CompiledSop,
  expectation: Record<string, unknown>,
  locale: string,
): string {
  const service = (id: unknown) => pickText(compiled.catalog.services.get(String(id))?.name, locale) || String(id);
  const flag = (id: unknown) => pickText(compiled.catalog.flags.get(String(id))?.label, locale) || String(id);
  const es = locale === "es";
  if ("referral" in expectation) {
    const urgency = URGENCY[String(expectation.urgency)];
    const how = [
      urgency ? (es ? `al menos ${urgency.es}` : `at least ${urgency.en}`) : "",
      expectation.mandatory ? (es ? "como notificación obligatoria" : "as a mandatory notification") : "",
    ].filter(Boolean);
    return `${es ? "una derivación a" : "a referral to"} ${service(expectation.referral)}${how.length ? ` (${how.join(", ")})` : ""}`;
  }
  if ("offered" in expectation) {
    const urgency = URGENCY[String(expectation.urgency)];
    const how = urgency ? ` (${es ? `al menos ${urgency.es}` : `at least ${urgency.en}`})` : "";
    return `${es ? "que se ofrezca una derivación a" : "a referral offered to"} ${service(expectation.offered)}${how}`;
  }
  if ("noReferral" in expectation)
    return `${es ? "ninguna derivación a" : "no referral to"} ${service(expectation.noReferral)}`;
  if ("slip" in expectation) {
    const shares = (expectation.shares as string[]).map((v) => `"${v}"`).join(", ");
    const flags = ((expectation.instructions as string[] | undefined) ?? []).map((f) => `"${flag(f)}"`).join(", ");
    if (es)
      return `que la hoja de derivación a ${service(expectation.slip)}, si se hace, comparta ${shares}${flags ? ` y diga la instrucción de ${flags} si está activa` : ""}`;
    return `the slip for a referral made to ${service(expectation.slip)} sharing ${shares}${flags ? ` and stating the instruction of ${flags} while raised` : ""}`;
  }
  if ("noReferralKind" in expectation)
    return `${es ? "ninguna derivación a un servicio de tipo" : "no referral to a service of kind"} "${expectation.noReferralKind}"`;
  if ("flag" in expectation) return `${es ? "la alerta" : "the flag"} "${flag(expectation.flag)}"`;
  if ("noFlag" in expectation) return `${es ? "sin la alerta" : "no flag"} "${flag(expectation.noFlag)}"`;
  if ("deadline" in expectation) {
    const within = expectation.within ? durationWords(String(expectation.within), es) : "";
    return es
      ? `el plazo "${expectation.deadline}"${within ? `, que vence a más tardar ${within} después de lo que cuenta` : ""}`
      : `the deadline "${expectation.deadline}"${within ? `, due at most ${within} after what it counts from` : ""}`;
  }
  if ("noDeadline" in expectation) return `${es ? "sin el plazo" : "no deadline"} "${expectation.noDeadline}"`;
  if ("followUp" in expectation) {
    const within = expectation.within ? durationWords(String(expectation.within), es) : "";
    return es
      ? `el seguimiento "${expectation.followUp}"${within ? `, que vence a más tardar ${within} después del paso que lo fija` : ""}`
      : `the follow-up "${expectation.followUp}"${within ? `, due at most ${within} after the step that sets it` : ""}`;
  }
  if ("before" in expectation) {
    const [first, then] = expectation.before as string[];
    return es
      ? `pasar por el paso "${first}" antes que por "${then}"`
      : `a visit to step "${first}" before any visit to "${then}"`;
  }
  if ("visits" in expectation) return `${es ? "pasar por el paso" : "a visit to step"} "${expectation.visits}"`;
  if ("avoids" in expectation) return `${es ? "no pasar por el paso" : "no visit to step"} "${expectation.avoids}"`;
  if ("asked" in expectation)
    return `${es ? "hacer la pregunta del paso" : "the question of step"} "${expectation.asked}"${es ? "" : " asked"}`;
  if ("notAsked" in expectation)
    return `${es ? "no hacer la pregunta del paso" : "the question of step"} "${expectation.notAsked}"${es ? "" : " not asked"}`;
  if ("outcome" in expectation)
    return `${es ? "un resultado" : "an outcome of"} ${(expectation.outcome as string[]).join(es ? " o " : " or ")}`;
  return `${es ? "que se cumpla" : "that"} ${String(expectation.holds)}${es ? "" : " holds"}`;
}
