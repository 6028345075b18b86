import { isAbove, maxLevel, receivesLevel, stepLevel } from "../compile/levels";
import type { Issue, IssueCode, Severity } from "../errors";
import { toPointer } from "../errors";
import { didYouMean } from "./didYouMean";
import { issue } from "./issueMessages";
import type { IssueParamsOf } from "./issueParams";
import type { LintContext } from "./lint/LintContext";
import { findMissingTranslations } from "./lint/lintTranslations";
import { subjectOf } from "./schemaIssues";
import { collectRegion, stepAt } from "./stepGraph";
import type { Catalog, CatalogIndex, Level, SopDefinition, Text } from "./types";

type Add = <C extends IssueCode>(code: C, params: IssueParamsOf[C], pointer: string, severity?: Severity) => void;

/**
 * Words that mark a text as not ready for an officer or a person: a value still to set, a note to policy staff.
 * Such words belong in `notes`, which officers never see.
 */
const PLACEHOLDERS = [
  /por (fijar|definir|confirmar)/i,
  /to (be )?(set|confirm|define)d? locally/i,
  /\bTODO\b|\bTBD\b|\bFIXME\b|\bXXX\b/,
  /⚠/,
  /\{\{|\}\}/,
  /lorem ipsum/i,
];

/**
 * Words that, read aloud to a person, assume their gender: an adjective or participle about "you" after a verb of
 * being or feeling, a Portuguese thank-you (it agrees with the speaker), and French participles after "vous a" / "t'a".
 * Per interview language; languages without grammatical gender here (en, ht) have none. A heuristic: it finds the
 * common forms, not every one.
 */
const GENDERED: Record<string, RegExp[]> = {
  es: [
    /(?<![\p{L}])(?:estás?|esté|estaba|se siente|se sienta|te sientes|sentirse|quedarse|se queda|es usted|eres)\s+(?:usted\s+)?(?:muy\s+|más\s+|tan\s+|un poco\s+)?(?:segur|cansad|preocupad|asustad|tranquil|list|sol|acompañad|herid|perdid|obligad|amenazad|perseguid|embarazad|enferm|content|nervios|agradecid|bienvenid|dispuest|interesad|informad|separad|protegid|lastimad|golpead|confundid|maread)(?:o|a|os|as)(?![\p{L}])/iu,
  ],
  pt: [
    /(?<![\p{L}])(?:está|esteja|estiver|estava|fica|ficar|fique|se sente|se sentir|sentir-se|é)\s+(?:muito\s+|mais\s+|tão\s+|um pouco\s+)?(?:segur|cansad|preocupad|assustad|tranquil|pront|sozinh|acompanhad|ferid|perdid|obrigad|ameaçad|perseguid|grávid|content|nervos|agradecid|bem-vind|dispost|interessad|informad|separad|protegid|machucad|confus)(?:o|a|os|as)(?![\p{L}])/iu,
    /(?<![\p{L}])obrigad[oa](?![\p{L}])/iu,
  ],
  fr: [
    /(?<![\p{L}])(?:êtes-vous|vous êtes|n'êtes|es-tu|tu es|n'es|soyez|sois|vous sentez-vous|vous vous sentez|te sens-tu|tu te sens|rester|restez)\s+(?:pas\s+)?(?:très\s+|plus\s+|bien\s+|un peu\s+)?(?:sûr|fatigué|inquiet|inquiète|prêt|seul|accompagné|blessé|perdu|obligé|menacé|persécuté|réfugié|enceinte|venu|arrivé|entré|né|content|nerveux|nerveuse|protégé|informé|séparé)(?:e|es|s)?(?![\p{L}])/iu,
    /(?<![\p{L}])(?:vous|t'|te)\s*a(?:-t-on|-t-il|-t-elle)?\s+(?:\p{L}+\s+)?(?:obligé|forcé|menacé|harcelé|frappé|blessé|trompé|emmené)(?:e|s|es)?(?![\p{L}])/iu,
    /(?<![\p{L}])seule? à seule?(?![\p{L}])/iu,
  ],
};

/** The first words of a text read aloud in `locale` that assume the listener's gender, if any. */
export function genderedFormIn(text: string, locale: string): string | undefined {
  for (const pattern of GENDERED[locale] ?? []) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return undefined;
}

/**
 * All the placeholder patterns in one, without regard to case: it matches wherever one of them does (and sometimes
 * where none does), so a text it does not match needs no further look. Nearly every text is such a text.
 */
const ANY_PLACEHOLDER = new RegExp(PLACEHOLDERS.map((p) => `(?:${p.source})`).join("|"), "i");

/** Whether a text an officer or a person would read still holds a placeholder. */
export function placeholderIn(text: string): string | undefined {
  if (!ANY_PLACEHOLDER.test(text)) return undefined;
  for (const pattern of PLACEHOLDERS) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return undefined;
}

/**
 * What issue 8's protection mechanisms need of an SOP, beyond the schema: resume steps of updatable questions in the
 * question's own region; follow-ups owned by a catalog role; answers kept at least as sensitive as the flags they
 * alone reveal; slips that share only what their service may receive, and what it needs to act where the SOP
 * knows it; and no placeholder in a text an officer
 * reads or says.
 */
export function lintProtection({
  sop,
  steps,
  stepIds,
  library,
  scope,
  variables,
  add,
  graphIsBroken,
}: LintContext): void {
  const catalog = library.catalog;
  const sopLevel: Level = sop.level ?? "public";
  const variableLevel = new Map<string, Level>();
  for (const [name, declaration] of variables)
    variableLevel.set(name, stepLevel(catalog, sopLevel, sop.steps[declaration.step]));
  const mainRegion = new Set(stepAt(sop, sop.start) ? collectRegion(sop, sop.start) : []);

  const revealed = new Set<string>();
  for (const [id, step] of steps) {
    const level = stepLevel(catalog, sopLevel, step);
    if (step.kind === "question" && step.updatable) {
      const resume = step.updatable.resume;
      const pointer = toPointer("steps", id, "updatable", "resume");
      if (!stepAt(sop, resume))
        add(
          "unknown-step",
          { step: id, context: "resume", target: resume, suggestion: didYouMean(resume, stepIds) },
          pointer,
        );
      else if (!graphIsBroken && (!mainRegion.has(id) || !mainRegion.has(resume)))
        add("resume-outside-region", { step: id, target: resume }, pointer);
    }
    for (const [i, effect] of (step.effects ?? []).entries()) {
      if ("followUp" in effect && effect.who && !catalog.roles.has(effect.who))
        add(
          "unknown-role",
          {
            step: id,
            followUp: effect.followUp,
            role: effect.who,
            suggestion: didYouMean(effect.who, catalog.roles.keys()),
          },
          toPointer("steps", id, "effects", i, "who"),
        );
      if (!("raise" in effect) || !effect.when || (step.kind !== "question" && step.kind !== "checklist")) continue;
      const flag = catalog.flags.get(effect.raise);
      const own = step.variable;
      const read = scope.mentionedVariables(effect.when).filter((name) => name !== "now");
      // The answer alone tells whether the flag is raised: it must be kept at least as carefully as the flag.
      if (flag && own && read.length === 1 && read[0] === own && isAbove(flag.sensitivity, level)) {
        if (revealed.has(`${id} ${effect.raise}`)) continue;
        revealed.add(`${id} ${effect.raise}`);
        add(
          "answer-reveals",
          { step: id, flag: effect.raise, sensitivity: flag.sensitivity, level },
          toPointer("steps", id),
        );
      }
    }
    if (step.kind === "referral") {
      const service = catalog.services.get(step.service);
      if (!service) continue;
      const receives = receivesLevel(service);
      for (const [i, variable] of (step.shares ?? []).entries()) {
        const shared = variableLevel.get(variable);
        if (shared && isAbove(shared, receives))
          add(
            "slip-over-level",
            { step: id, service: step.service, receives, variable, shared },
            toPointer("steps", id, "shares", i),
          );
      }
      // What the service needs to act, where this SOP knows it and the service may receive it, is on the slip.
      for (const need of service.needs ?? []) {
        const known = variableLevel.get(need.variable);
        if (known && !isAbove(known, receives) && !(step.shares ?? []).includes(need.variable))
          add(
            "slip-misses-need",
            { step: id, service: step.service, variable: need.variable, whyEs: need.why.es, whyEn: need.why.en },
            toPointer("steps", id, step.shares ? "shares" : "service"),
          );
      }
      const own = maxLevel(sopLevel, step.level);
      if (isAbove(own, receives))
        add("slip-over-level", { step: id, service: step.service, receives, own }, toPointer("steps", id, "service"));
    }
    eachOfficerText(step, (text, key) => lintTextPlaceholders(text, () => toPointer("steps", id, ...key), add));
    const say = "say" in step ? (step.say as Text | undefined) : undefined;
    if (say)
      for (const locale in say) {
        const found = genderedFormIn(say[locale]!, locale);
        if (found) add("gendered-say", { step: id, found, locale }, toPointer("steps", id, "say", locale), "warning");
      }
  }
  for (const key of ["title", "summary"] as const) {
    const text = sop[key];
    if (text) lintTextPlaceholders(text, () => toPointer(key), add);
  }
}

/**
 * The texts of a step an officer reads or says aloud, each given to `visit` with its JSON pointer segments. A
 * callback rather than a generator: this runs for every step of every SOP linted, and a generator's steps (and the
 * pairs it yields) were a good part of what lint allocated.
 */
function eachOfficerText(
  step: SopDefinition["steps"][string],
  visit: (text: Text, key: readonly (string | number)[]) => void,
): void {
  const fields = step as unknown as Record<string, Text | undefined>;
  for (const key of OFFICER_TEXT_KEYS) {
    const text = fields[key[0]];
    if (text) visit(text, key);
  }
  if (step.kind === "question" && "options" in step.answer)
    for (const [i, option] of step.answer.options.entries()) visit(option.label, ["answer", "options", i, "label"]);
  if (step.kind === "checklist") for (const [i, item] of step.items.entries()) visit(item.text, ["items", i, "text"]);
  for (const [i, effect] of (step.effects ?? []).entries()) {
    if ("label" in effect) visit(effect.label, ["effects", i, "label"]);
    if ("why" in effect && effect.why) visit(effect.why, ["effects", i, "why"]);
  }
}

/** The step fields that hold a text an officer reads or says, each as its pointer segments. */
const OFFICER_TEXT_KEYS: readonly (readonly [string])[] = [["title"], ["say"], ["guidance"], ["reason"]];

/** Placeholders in a text; `pointerOf` gives the text's pointer, made only when one is found. */
function lintTextPlaceholders(text: Text, pointerOf: () => string, add: Add) {
  for (const locale in text) {
    const found = placeholderIn(text[locale]!);
    if (!found) continue;
    const pointer = pointerOf();
    add("placeholder-text", { ...subjectOf(pointer), found }, `${pointer}/${locale}`);
  }
}

/**
 * What a catalog file's entries need beyond the schema: references in standing instructions (`forbids`, `concerns`,
 * `unlessFlag`) that exist, every text in Spanish and English, and no placeholder in anything an officer or a
 * slip shows.
 */
export function lintCatalogFile(file: Catalog, catalog: CatalogIndex): Issue[] {
  const issues: Issue[] = [];
  const add: Add = (code, params, pointer, severity = "error") => issues.push(issue(code, params, pointer, severity));
  for (const { pointer, params } of findMissingTranslations(file, "catalog"))
    add("missing-translation", params, pointer);
  const kinds = new Set([...catalog.services.values()].flatMap((s) => (s.kind ? [s.kind] : [])));
  const texts = (entry: Record<string, unknown>, keys: readonly string[], pointer: (key: string) => string) => {
    for (const key of keys) {
      const text = entry[key] as Text | undefined;
      if (text) lintTextPlaceholders(text, () => pointer(key), add);
    }
  };
  for (const [i, service] of (file.services ?? []).entries()) {
    const at = (key: string) => toPointer("services", i, key);
    texts(service as never, ["name", "description", "hours"], at);
    const contact = service.contact && placeholderIn(service.contact);
    if (contact)
      add("placeholder-text", { path: `services.${i}.contact`, found: contact, field: "contact" }, at("contact"));
  }
  for (const [i, flag] of (file.flags ?? []).entries()) {
    const at = (key: string) => toPointer("flags", i, key);
    texts(flag as never, ["label", "description", "instruction", "publicLabel"], at);
    for (const [j, rule] of (flag.forbids ?? []).entries()) {
      const pointer = toPointer("flags", i, "forbids", j);
      const path = `flags.${i}.forbids.${j}`;
      if (rule.service && !catalog.services.has(rule.service))
        add(
          "unknown-service",
          {
            path,
            context: "forbids",
            service: rule.service,
            flag: flag.id,
            suggestion: didYouMean(rule.service, catalog.services.keys()),
          },
          `${pointer}/service`,
        );
      if (rule.kind && !kinds.has(rule.kind))
        add(
          "unknown-kind",
          { path, flag: flag.id, kind: rule.kind, context: "forbids", suggestion: didYouMean(rule.kind, kinds) },
          `${pointer}/kind`,
        );
      if (rule.unlessFlag && !catalog.flags.has(rule.unlessFlag))
        add(
          "unknown-flag",
          {
            path,
            context: "lifts",
            flag: rule.unlessFlag,
            owner: flag.id,
            suggestion: didYouMean(rule.unlessFlag, catalog.flags.keys()),
          },
          `${pointer}/unlessFlag`,
        );
    }
    for (const [j, kind] of (flag.concerns ?? []).entries())
      if (!kinds.has(kind))
        add(
          "unknown-kind",
          {
            path: `flags.${i}.concerns.${j}`,
            flag: flag.id,
            kind,
            context: "concerns",
            suggestion: didYouMean(kind, kinds),
          },
          toPointer("flags", i, "concerns", j),
        );
    if (flag.sensitivity !== "public" && flag.instruction && !flag.publicLabel)
      add("missing-public-label", { flag: flag.id, sensitivity: flag.sensitivity }, toPointer("flags", i));
  }
  for (const [i, site] of (file.sites ?? []).entries())
    texts(site as never, ["name", "note"], (key) => toPointer("sites", i, key));
  for (const [i, role] of (file.roles ?? []).entries())
    texts(role as never, ["name"], (key) => toPointer("roles", i, key));
  return issues;
}
