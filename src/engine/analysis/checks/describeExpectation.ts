import { pickText } from "../../case/viewCase";
import type { CompiledSop } from "../../compile/CompiledSop";

/** An invariant's expectation in words: "a referral to SENNIAF", "no visit to …". */
export function describeExpectation(
  compiled: CompiledSop,
  expectation: Record<string, unknown>,
  locale: string,
): string {
  const service = (id: unknown) => pickText(compiled.catalog.services.get(String(id))?.name, locale) || String(id);
  const flag = (id: unknown) => pickText(compiled.catalog.flags.get(String(id))?.label, locale) || String(id);
  const es = locale === "es";
  if ("referral" in expectation) return `${es ? "una derivación a" : "a referral to"} ${service(expectation.referral)}`;
  if ("noReferral" in expectation)
    return `${es ? "ninguna derivación a" : "no referral to"} ${service(expectation.noReferral)}`;
  if ("flag" in expectation) return `${es ? "la alerta" : "the flag"} "${flag(expectation.flag)}"`;
  if ("noFlag" in expectation) return `${es ? "sin la alerta" : "no flag"} "${flag(expectation.noFlag)}"`;
  if ("visits" in expectation) return `${es ? "pasar por el paso" : "a visit to step"} "${expectation.visits}"`;
  if ("avoids" in expectation) return `${es ? "no pasar por el paso" : "no visit to step"} "${expectation.avoids}"`;
  if ("outcome" in expectation)
    return `${es ? "un resultado" : "an outcome of"} ${(expectation.outcome as string[]).join(es ? " o " : " or ")}`;
  return `${es ? "que se cumpla" : "that"} ${String(expectation.holds)}${es ? "" : " holds"}`;
}
