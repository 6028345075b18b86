/**
 * Every issue's words, in Spanish and English, written from its code and params: the one place issue text comes
 * from. The CLI prints the English; the editor renders the interface language with `formatIssue`. Pure data and
 * functions, with plurals by `Intl.PluralRules`.
 */
import type { Issue, IssueCode, IssueParams, Severity } from "../errors";
import type { IssueParamsOf, JsonKind, JsonProblem, PatternForm, SchemaParams, Subject } from "./issueParams";

/** The languages issues are written in. */
export type Locale = "es" | "en";
export const LOCALES: readonly Locale[] = ["es", "en"];

/** Helpers a template writes with, one set per language. */
interface Say {
  /** Where the issue is, at the start of a sentence: `Step "ask-age" (at next.0)`, `Action 3`, `The document`. */
  place(p: Subject): string;
  /** The same, inside a sentence. */
  placeIn(p: Subject): string;
  /** ` Did you mean "x"?`, or nothing. */
  mean(suggestion?: string): string;
  /** The form of a word for a count: `count(3, "error", "errors")` → "3 errors". */
  count(n: number, one: string, other: string): string;
  /** The form for a count, without the count: `pick(1, "is", "are")` → "is". */
  pick(n: number, one: string, other: string): string;
  list(items: readonly string[]): string;
}

type Template<C extends IssueCode> = (p: IssueParamsOf[C], say: Say) => string;
type Templates = { [C in IssueCode]: Record<Locale, Template<C>> };

const q = (s: string | number) => `"${s}"`;
const quoteAll = (items: readonly string[]) => items.map(q);

function sayFor(locale: Locale): Say {
  const rules = new Intl.PluralRules(locale);
  const en = locale === "en";
  const place = (p: Subject, capital: boolean): string => {
    const at = p.at ? (en ? ` (at ${p.at})` : ` (en ${p.at})`) : "";
    const cap = (s: string) => (capital ? s[0].toUpperCase() + s.slice(1) : s);
    if (p.action !== undefined) return cap(en ? `action ${p.action}${at}` : `la acción ${p.action}${at}`);
    if (p.invariant !== undefined) return cap(en ? `invariant ${q(p.invariant)}` : `el invariante ${q(p.invariant)}`);
    if (p.track !== undefined && p.step !== undefined)
      return cap(en ? `track ${q(p.track)} of step ${q(p.step)}` : `la pista ${q(p.track)} del paso ${q(p.step)}`);
    if (p.step !== undefined) return cap(en ? `step ${q(p.step)}${at}` : `el paso ${q(p.step)}${at}`);
    if (p.path) return q(p.path);
    return cap(en ? "the document" : "el documento");
  };
  return {
    place: (p) => place(p, true),
    placeIn: (p) => place(p, false),
    mean: (s) => (s === undefined ? "" : en ? ` Did you mean ${q(s)}?` : ` ¿Quiso decir ${q(s)}?`),
    count: (n, one, other) => `${n} ${rules.select(n) === "one" ? one : other}`,
    pick: (n, one, other) => (rules.select(n) === "one" ? one : other),
    list: (items) => items.join(", "),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Words shared by several codes.

const JSON_KIND: Record<Locale, Record<JsonKind, string>> = {
  en: {
    null: "null",
    boolean: "a boolean (true or false)",
    number: "a number",
    integer: "an integer",
    string: "a string",
    array: "an array",
    object: "an object",
  },
  es: {
    null: "null",
    boolean: "verdadero o falso (true o false)",
    number: "un número",
    integer: "un número entero",
    string: "un texto",
    array: "una lista",
    object: "un objeto",
  },
};

/** The value found, described: `string "x"`, `a list`. */
function describeFound(locale: Locale, actual: JsonKind, value?: string): string {
  if (actual === "array") return locale === "en" ? "a list" : "una lista";
  if (actual === "object") return locale === "en" ? "an object" : "un objeto";
  if (actual === "null" || value === undefined) return JSON_KIND[locale][actual];
  if (locale === "en") return `${actual === "integer" ? "number" : actual} ${value}`;
  return actual === "string" ? `el texto ${value}` : actual === "boolean" ? `el valor ${value}` : `el número ${value}`;
}

/** The schema's definitions a value may be asked to be, in words. */
const FORM: Record<Locale, Record<string, string>> = {
  en: {
    Id: 'an id (like "ask-age")',
    "Route[]": 'a list of routes (like [{ "when": "age < 18", "to": "child" }, { "to": "adult" }])',
    Text: 'a text in each language (like { "es": "…", "en": "…" })',
  },
  es: {
    Id: 'un id (como "ask-age")',
    "Route[]": 'una lista de rutas (como [{ "when": "age < 18", "to": "child" }, { "to": "adult" }])',
    Text: 'un texto en cada idioma (como { "es": "…", "en": "…" })',
  },
};

/** What a value must be: its forms in words when all are known, else its JSON kinds. */
function expectedWords(locale: Locale, p: { expected: readonly JsonKind[]; forms?: readonly string[] }): string {
  const or = locale === "en" ? " or " : " o ";
  if (p.forms?.length && p.forms.every((f) => FORM[locale][f])) return p.forms.map((f) => FORM[locale][f]).join(or);
  return p.expected.map((k) => JSON_KIND[locale][k]).join(or);
}

const CEL_TYPE: Record<Locale, Record<string, string>> = {
  en: {
    bool: "yes/no",
    int: "whole number",
    double: "number",
    string: "text",
    "list<string>": "list of texts",
    "google.protobuf.Timestamp": "moment in time",
    "google.protobuf.Duration": "duration",
  },
  es: {
    bool: "un sí/no",
    int: "un número entero",
    double: "un número",
    string: "un texto",
    "list<string>": "una lista de textos",
    "google.protobuf.Timestamp": "un momento en el tiempo",
    "google.protobuf.Duration": "una duración",
  },
};
const celType = (locale: Locale, type = "") => CEL_TYPE[locale][type] ?? type;

const JSON_PROBLEM: Record<Locale, Record<JsonProblem, string>> = {
  en: {
    empty: "the file is empty",
    "trailing-comma": "a comma before a closing } or ] (JSON allows none there); remove it",
    comment: 'comments are not allowed in JSON; remove it, or put the note in a "notes" text',
    "missing-comma": "a comma is missing after this value",
    "value-expected": "a value was expected",
    "property-name": "a property name in double quotes was expected",
    colon: "a colon was expected",
    "close-brace": "a closing } was expected",
    "close-bracket": "a closing ] was expected",
    "end-of-file": "text after the end of the document",
    "unclosed-string": "a string is not closed",
    number: "a number is cut off or badly written",
    unicode: "a bad \\u escape",
    escape: "a bad escape in a string (write a backslash as \\\\)",
    "control-character": "a control character inside a string (write a line break as \\n, a tab as \\t)",
    "unexpected-character": "an unexpected character",
    "too-deep":
      "values are nested more than {limit} levels deep, far more than any SOP needs; look for brackets that repeat or are never closed",
    "curly-quote":
      'a curly quote (“ ” ‘ ’), as word processors type them; JSON needs straight double quotes ("). Replace it',
    "single-quote": 'text in single quotes; JSON needs double quotes, like "ask-age"',
  },
  es: {
    empty: "el archivo está vacío",
    "trailing-comma": "una coma antes de un } o ] de cierre (JSON no admite ninguna ahí); quítela",
    comment: 'JSON no admite comentarios; quítelo, o ponga la nota en un texto "notes"',
    "missing-comma": "falta una coma después de este valor",
    "value-expected": "se esperaba un valor",
    "property-name": "se esperaba el nombre de un campo entre comillas dobles",
    colon: "se esperaban dos puntos (:)",
    "close-brace": "se esperaba un } de cierre",
    "close-bracket": "se esperaba un ] de cierre",
    "end-of-file": "hay texto después del final del documento",
    "unclosed-string": "un texto no está cerrado (falta la comilla final)",
    number: "un número está cortado o mal escrito",
    unicode: "un escape \\u incorrecto",
    escape: "un escape incorrecto en un texto (una barra invertida se escribe \\\\)",
    "control-character":
      "un carácter de control dentro de un texto (un salto de línea se escribe \\n, un tabulador \\t)",
    "unexpected-character": "un carácter inesperado",
    "too-deep":
      "los valores se anidan a más de {limit} niveles, mucho más de lo que necesita un procedimiento; busque corchetes o llaves que se repiten o no se cierran",
    "curly-quote":
      'una comilla tipográfica (“ ” ‘ ’), como las escriben los procesadores de texto; JSON necesita comillas dobles rectas ("). Sustitúyala',
    "single-quote": 'un texto entre comillas simples; JSON necesita comillas dobles, como "ask-age"',
  },
};

const PATTERN: Record<Locale, Record<PatternForm, string>> = {
  en: {
    id: 'is not a valid id: use lowercase letters, digits and single hyphens, like "ask-age".',
    variable: 'is not a valid variable name: use lowercase letters, digits and underscores, like "travelling_with".',
    locale: 'is not a locale code: use two lowercase letters, like "es" or "en".',
    duration: 'is not a time span: write a number followed by m, h or d, like "90m", "72h" or "5d".',
    option: 'is not a valid option value: use lowercase letters, digits and single underscores, like "with_family".',
    version: 'is not a version number: write it like "1.2.0".',
    "step-path": 'is not a step: write a step id, or inside a procedure "<procedure-step>/<step>".',
    other: "is not in the expected form ({pattern}).",
  },
  es: {
    id: 'no es un id válido: use minúsculas, dígitos y guiones simples, como "ask-age".',
    variable: 'no es un nombre de variable válido: use minúsculas, dígitos y guiones bajos, como "travelling_with".',
    locale: 'no es un código de idioma: use dos letras minúsculas, como "es" o "en".',
    duration: 'no es un plazo: escriba un número seguido de m, h o d, como "90m", "72h" o "5d".',
    option: 'no es un valor de opción válido: use minúsculas, dígitos y guiones bajos simples, como "with_family".',
    version: 'no es un número de versión: escríbalo como "1.2.0".',
    "step-path":
      'no es un paso: escriba el id del paso, o dentro de un procedimiento "<paso-del-procedimiento>/<paso>".',
    other: "no tiene la forma esperada ({pattern}).",
  },
};

const FORMAT: Record<Locale, Record<string, string>> = {
  en: { "date-time": "date and time (like 2024-03-01T08:00:00Z)", date: "date (like 2024-03-01)" },
  es: {
    "date-time": "una fecha y hora válida (como 2024-03-01T08:00:00Z)",
    date: "una fecha válida (como 2024-03-01)",
  },
};

const LANGUAGE: Record<Locale, Record<string, string>> = {
  en: { es: "es", en: "en" },
  es: { es: "español", en: "inglés", ht: "criollo haitiano", fr: "francés", pt: "portugués" },
};

const CATALOG_KIND: Record<Locale, Record<string, [string, string]>> = {
  en: { service: ["service", "services"], flag: ["flag", "flags"], site: ["site", "sites"], role: ["role", "roles"] },
  es: {
    service: ["el servicio", "servicios"],
    flag: ["la alerta", "alertas"],
    site: ["el sitio", "sitios"],
    role: ["el rol", "roles"],
  },
};

/** What an incomplete action leaves unsaid. */
const NEEDS: Record<Locale, Record<IssueParamsOf["incomplete-action"]["needs"], string>> = {
  en: {
    step: "at which step",
    language: "which language",
    service: "which service's referral",
    flag: "which standing instruction",
    followUp: "which follow-up",
  },
  es: {
    step: "en qué paso",
    language: "qué idioma",
    service: "la remisión a qué servicio",
    flag: "qué instrucción permanente",
    followUp: "qué seguimiento",
  },
};

/** The levels of sensitivity, in words. */
const LEVEL: Record<Locale, Record<string, string>> = {
  en: { public: "public", restricted: "restricted", confidential: "confidential" },
  es: { public: "público", restricted: "restringido", confidential: "confidencial" },
};

/** Hints for the slips people make in CEL, mostly from spreadsheet formulas. */
const CEL_SLIP: Record<Locale, Record<string, string>> = {
  en: {
    "curly-quote":
      " It has curly quotes (“ ” ‘ ’), as word processors type them; CEL needs straight ones: `{written}`.",
    and: ' CEL writes "and" as &&, not AND: `{written}`.',
    or: ' CEL writes "or" as ||, not OR: `{written}`.',
    not: ' CEL writes "not" as !, not NOT: `{written}`.',
    "single-equals": " To compare, CEL uses ==; a single = is not a comparison: `{written}`.",
    "not-equals": ' CEL writes "is not" as !=, not <>: `{written}`.',
    "number-in-quotes": " A number in quotes is a text, not a number; write it without quotes: `{written}`.",
  },
  es: {
    "curly-quote":
      " Tiene comillas tipográficas (“ ” ‘ ’), como las escriben los procesadores de texto; CEL necesita comillas rectas: `{written}`.",
    and: ' En CEL "y" se escribe &&, no AND: `{written}`.',
    or: ' En CEL "o" se escribe ||, no OR: `{written}`.',
    not: ' En CEL "no" se escribe !, no NOT: `{written}`.',
    "single-equals": " Para comparar, CEL usa ==; un = solo no compara: `{written}`.",
    "not-equals": ' En CEL "distinto de" se escribe !=, no <>: `{written}`.',
    "number-in-quotes": " Un número entre comillas es un texto, no un número; escríbalo sin comillas: `{written}`.",
  },
};

function slipHint(locale: Locale, p: { slip?: string; written?: string }): string {
  if (!p.slip) return "";
  return (CEL_SLIP[locale][p.slip] ?? "").replace("{written}", p.written ?? "");
}

const ANSWER: Record<Locale, Record<IssueParamsOf["answer-type"]["expected"], string>> = {
  en: {
    "yes-no": "true or false",
    number: "a number",
    "whole-number": "a whole number",
    text: "a text",
    option: "one of its options",
    options: "a list of its options",
    date: 'a date, like "2024-03-01"',
    datetime: 'a date and time with its offset from UTC, like "2024-03-01T06:00:00Z"',
    items: "a list of the ids of the ticked items",
  },
  es: {
    "yes-no": "true o false (sí o no)",
    number: "un número",
    "whole-number": "un número entero",
    text: "un texto",
    option: "una de sus opciones",
    options: "una lista de sus opciones",
    date: 'una fecha, como "2024-03-01"',
    datetime: 'una fecha y hora con su diferencia con UTC, como "2024-03-01T06:00:00Z"',
    items: "una lista con los id de los elementos marcados",
  },
};

/** "a" and a place in Spanish, contracted as the language requires: "al paso", "a la pista". */
function toThe(place: string): string {
  return place.startsWith("el ") ? `al ${place.slice(3)}` : `a ${place}`;
}

const capitalise = (text: string) => text[0].toUpperCase() + text.slice(1);

/** A track-escape region in words: the main flow, or a track of a parallel step. */
function region(locale: Locale, track?: string, parallel?: string): string {
  if (track === undefined || parallel === undefined) return locale === "en" ? "the main flow" : "el flujo principal";
  return locale === "en" ? `track ${q(track)} of step ${q(parallel)}` : `la pista ${q(track)} del paso ${q(parallel)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Schema issues, by the rule that failed.

function schemaEn(p: SchemaParams, say: Say): string {
  const w = say.place(p);
  switch (p.rule) {
    case "required":
      return `${w} is missing ${q(p.field)}.`;
    case "unknown-field": {
      const hint = say.mean(p.suggestion) || (p.allowed.length ? ` Allowed here: ${say.list(p.allowed)}.` : "");
      return `${w} has a field ${q(p.field)} that is not allowed.${hint}`;
    }
    case "tag-missing":
      return `${w} needs ${q(p.tag)} as a string.`;
    case "unknown-tag":
      return `${w} has an unknown ${p.tag} ${p.value}.${say.mean(p.suggestion)}${p.allowed.length ? ` Use one of: ${say.list(p.allowed)}.` : ""}`;
    case "enum":
      return `${w} must be one of ${say.list(p.allowed)}; it is ${p.value}.${say.mean(p.suggestion)}`;
    case "const":
      return `${w} must be ${p.expected}.`;
    case "pattern": {
      const subject = p.key ? `${w}: the key ${p.value}` : `${w} ${p.value}`;
      return `${subject} ${PATTERN.en[p.form].replace("{pattern}", p.pattern)}`;
    }
    case "type": {
      const expected = expectedWords("en", p);
      const hint = p.numberInQuotes ? ` Write the number without quotes: ${JSON.parse(p.value ?? '""')}.` : "";
      return `${w} must be ${expected}; it is ${describeFound("en", p.actual, p.value)}.${hint}`;
    }
    case "no-form":
      return `${w} needs one of these fields: ${say.list(p.fields)}.`;
    case "several-forms":
      return `${w} fits more than one of the accepted forms; remove the fields that belong to another.`;
    case "min-items":
      return `${w} must have at least ${say.count(p.limit, "item", "items")}.`;
    case "min-properties":
      return `${w} must have at least ${say.count(p.limit, "entry", "entries")}.`;
    case "empty":
      return `${w} must not be empty.`;
    case "maximum":
      return `${w} must be at most ${p.limit}; it is ${p.value}.`;
    case "minimum":
      return `${w} must be at least ${p.limit}; it is ${p.value}.`;
    case "unique-items":
      return `${w} lists the same value twice; keep one.`;
    case "format":
      return `${w} ${p.value} is not a valid ${FORMAT.en[p.format] ?? p.format}.`;
    case "other":
      return `${w} ${p.detail}.`;
  }
}

function schemaEs(p: SchemaParams, say: Say): string {
  const w = say.place(p);
  const win = say.placeIn(p);
  switch (p.rule) {
    case "required":
      return `Falta ${q(p.field)} en ${win}.`;
    case "unknown-field": {
      const hint = say.mean(p.suggestion) || (p.allowed.length ? ` Aquí se admiten: ${say.list(p.allowed)}.` : "");
      return `${w} tiene un campo ${q(p.field)} que no se admite.${hint}`;
    }
    case "tag-missing":
      return `${w} necesita ${q(p.tag)} como texto.`;
    case "unknown-tag":
      return `${w} tiene un ${q(p.tag)} desconocido: ${p.value}.${say.mean(p.suggestion)}${p.allowed.length ? ` Use uno de: ${say.list(p.allowed)}.` : ""}`;
    case "enum":
      return `${w} debe ser uno de ${say.list(p.allowed)}; es ${p.value}.${say.mean(p.suggestion)}`;
    case "const":
      return `${w} debe ser ${p.expected}.`;
    case "pattern": {
      const subject = p.key ? `${w}: la clave ${p.value}` : `${w}: ${p.value}`;
      return `${subject} ${PATTERN.es[p.form].replace("{pattern}", p.pattern)}`;
    }
    case "type": {
      const expected = expectedWords("es", p);
      const hint = p.numberInQuotes ? ` Escriba el número sin comillas: ${JSON.parse(p.value ?? '""')}.` : "";
      return `${w} debe ser ${expected}; es ${describeFound("es", p.actual, p.value)}.${hint}`;
    }
    case "no-form":
      return `${w} necesita uno de estos campos: ${say.list(p.fields)}.`;
    case "several-forms":
      return `${w} encaja en más de una de las formas admitidas; quite los campos que pertenecen a otra.`;
    case "min-items":
      return `${w} debe tener al menos ${say.count(p.limit, "elemento", "elementos")}.`;
    case "min-properties":
      return `${w} debe tener al menos ${say.count(p.limit, "entrada", "entradas")}.`;
    case "empty":
      return `${w} no puede estar vacío.`;
    case "maximum":
      return `${w} debe ser como mucho ${p.limit}; es ${p.value}.`;
    case "minimum":
      return `${w} debe ser como mínimo ${p.limit}; es ${p.value}.`;
    case "unique-items":
      return `${w} repite un mismo valor; deje uno.`;
    case "format":
      return `${w}: ${p.value} no es ${FORMAT.es[p.format] ?? `un ${p.format} válido`}.`;
    case "other":
      return `${w}: ${p.detail}.`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The table.

/** The message templates of every issue code, in every language. */
export const ISSUE_MESSAGES: Templates = {
  "file-not-found": {
    en: (p) => `The ${p.role === "arrivals" ? "arrivals file" : "file"} ${p.file} cannot be found.`,
    es: (p) => `No se encuentra el archivo ${p.role === "arrivals" ? "de llegadas " : ""}${p.file}.`,
  },
  "bad-json": {
    en: (p) =>
      p.problem === "empty"
        ? JSON_PROBLEM.en.empty
        : `the file is not valid JSON: ${JSON_PROBLEM.en[p.problem].replace("{limit}", String(p.limit))}`,
    es: (p) =>
      p.problem === "empty"
        ? JSON_PROBLEM.es.empty
        : `el archivo no es JSON válido: ${JSON_PROBLEM.es[p.problem].replace("{limit}", String(p.limit))}`,
  },
  "duplicate-key": {
    en: (p) => `${q(p.key)} is written twice in the same object; the second one would silently win. Keep one.`,
    es: (p) => `${q(p.key)} está escrito dos veces en el mismo objeto; el segundo ganaría sin aviso. Deje uno.`,
  },
  schema: { en: schemaEn, es: schemaEs },
  "unknown-step": {
    en: (p, say) => {
      const target = q(p.target);
      const mean = say.mean(p.suggestion);
      switch (p.context) {
        case "route":
          return `${say.place({ step: p.step })} goes to ${target}, which does not exist.${mean}`;
        case "start":
          return `The SOP starts at ${target}, which does not exist.${mean}`;
        case "track":
          return `${say.place(p)} goes to ${target}, which does not exist.${mean}`;
        case "estimate":
          return `The time estimate names step ${target}, which does not exist.${mean}`;
        case "invariant":
          return `${say.place(p)} names step ${target}, which does not exist.${mean}`;
        case "condition":
          return `${say.place(p)}: the condition tests whether step ${target} was visited, but there is no such step.${mean}`;
        case "action":
          return `Action ${p.action} is at step ${target}, which the SOP ${q(p.sop ?? "")} does not have.${mean}`;
        case "expect":
          return `${say.place(p)} names step ${target}, which the SOP ${q(p.sop ?? "")} does not have.${mean}`;
        case "resume":
          return `${say.place(p)} resumes at ${target}, which does not exist.${mean}`;
        case "desk":
          return `SOP ${q(p.sop ?? "")} has no step ${target}.${mean}`;
      }
    },
    es: (p, say) => {
      const target = q(p.target);
      const mean = say.mean(p.suggestion);
      switch (p.context) {
        case "route":
          return `${say.place({ step: p.step })} lleva a ${target}, que no existe.${mean}`;
        case "start":
          return `El procedimiento empieza en ${target}, que no existe.${mean}`;
        case "track":
          return `${say.place(p)} lleva a ${target}, que no existe.${mean}`;
        case "estimate":
          return `La estimación de tiempo nombra el paso ${target}, que no existe.${mean}`;
        case "invariant":
          return `${say.place(p)} nombra el paso ${target}, que no existe.${mean}`;
        case "condition":
          return `${say.place(p)}: la condición comprueba si se visitó el paso ${target}, pero ese paso no existe.${mean}`;
        case "action":
          return `La acción ${p.action} está en el paso ${target}, que el procedimiento ${q(p.sop ?? "")} no tiene.${mean}`;
        case "expect":
          return `${say.place(p)} nombra el paso ${target}, que el procedimiento ${q(p.sop ?? "")} no tiene.${mean}`;
        case "resume":
          return `${say.place(p)} continúa en ${target}, que no existe.${mean}`;
        case "desk":
          return `El procedimiento ${q(p.sop ?? "")} no tiene el paso ${target}.${mean}`;
      }
    },
  },
  "unknown-service": {
    en: (p, say) =>
      p.context === "forbids"
        ? `${q(p.flag ?? "")} forbids ${q(p.service)}, which is not in the catalog.${say.mean(p.suggestion)}`
        : p.context === "condition"
          ? `${say.place(p)}: the condition tests a referral to ${q(p.service)}, which is not in the catalog.${say.mean(p.suggestion)}`
          : `${say.place(p)} names the service ${q(p.service)}, which is not in the catalog.${say.mean(p.suggestion)}`,
    es: (p, say) =>
      p.context === "forbids"
        ? `${q(p.flag ?? "")} prohíbe ${q(p.service)}, que no está en el catálogo.${say.mean(p.suggestion)}`
        : p.context === "condition"
          ? `${say.place(p)}: la condición comprueba una remisión a ${q(p.service)}, que no está en el catálogo.${say.mean(p.suggestion)}`
          : `${say.place(p)} nombra el servicio ${q(p.service)}, que no está en el catálogo.${say.mean(p.suggestion)}`,
  },
  "unknown-flag": {
    en: (p, say) =>
      p.context === "lifts"
        ? `${q(p.owner ?? "")} is lifted by ${q(p.flag)}, which is not in the catalog.${say.mean(p.suggestion)}`
        : p.context === "condition"
          ? `${say.place(p)}: the condition tests the flag ${q(p.flag)}, which is not in the catalog.${say.mean(p.suggestion)}`
          : `${say.place(p)} names the flag ${q(p.flag)}, which is not in the catalog.${say.mean(p.suggestion)}`,
    es: (p, say) =>
      p.context === "lifts"
        ? `${q(p.owner ?? "")} se levanta con ${q(p.flag)}, que no está en el catálogo.${say.mean(p.suggestion)}`
        : p.context === "condition"
          ? `${say.place(p)}: la condición comprueba la alerta ${q(p.flag)}, que no está en el catálogo.${say.mean(p.suggestion)}`
          : `${say.place(p)} nombra la alerta ${q(p.flag)}, que no está en el catálogo.${say.mean(p.suggestion)}`,
  },
  "unknown-sop": {
    en: (p, say) => {
      if (p.context === "plan") return `no SOP ${q(p.sop)} can be run.${say.mean(p.suggestion)}`;
      if (p.context === "contingency") return `no contingency SOP ${q(p.sop)} can be run.${say.mean(p.suggestion)}`;
      if (p.context === "persona")
        return `the SOP ${q(p.sop)} of scenario ${q(p.scenario ?? "")} has errors or is missing; run senda validate`;
      const who = p.context === "procedure" ? `${say.place({ step: p.step })} runs` : "The scenario enters";
      if (p.brokenFile !== undefined)
        return `${who} the SOP ${q(p.sop)}, whose file ${p.brokenFile} has errors, so it cannot be checked; fix that file first.`;
      return `${who} the SOP ${q(p.sop)}, which is not in the library.${say.mean(p.suggestion)}`;
    },
    es: (p, say) => {
      if (p.context === "plan")
        return `no se puede ejecutar ningún procedimiento ${q(p.sop)}.${say.mean(p.suggestion)}`;
      if (p.context === "contingency")
        return `no se puede ejecutar ningún procedimiento de contingencia ${q(p.sop)}.${say.mean(p.suggestion)}`;
      if (p.context === "persona")
        return `el procedimiento ${q(p.sop)} del escenario ${q(p.scenario ?? "")} tiene errores o falta; ejecute senda validate`;
      const who = p.context === "procedure" ? `${say.place({ step: p.step })} ejecuta` : "El escenario entra en";
      if (p.brokenFile !== undefined)
        return `${who} el procedimiento ${q(p.sop)}, cuyo archivo ${p.brokenFile} tiene errores, así que no se puede comprobar; corrija primero ese archivo.`;
      return `${who} el procedimiento ${q(p.sop)}, que no está en la biblioteca.${say.mean(p.suggestion)}`;
    },
  },
  "unknown-variable": {
    en: (p, say) =>
      p.context === "contingency"
        ? `the contingency SOP ${q(p.sop ?? "")} asks no question ${q(p.variable)}.${say.mean(p.suggestion)}`
        : p.context === "with"
          ? `${say.place({ step: p.step })} passes ${q(p.variable)} to ${q(p.sop ?? "")}, which declares no such variable.${say.mean(p.suggestion)}`
          : p.context === "slip"
            ? `${say.place(p)} expects the slip to share ${q(p.variable)}, which no question or checklist of this SOP declares.${say.mean(p.suggestion)}`
            : `${say.place(p)} uses ${q(p.variable)}, which no question of this SOP declares.${say.mean(p.suggestion)}`,
    es: (p, say) =>
      p.context === "contingency"
        ? `el procedimiento de contingencia ${q(p.sop ?? "")} no hace ninguna pregunta ${q(p.variable)}.${say.mean(p.suggestion)}`
        : p.context === "with"
          ? `${say.place({ step: p.step })} pasa ${q(p.variable)} a ${q(p.sop ?? "")}, que no declara esa variable.${say.mean(p.suggestion)}`
          : p.context === "slip"
            ? `${say.place(p)} espera que la hoja de remisión comparta ${q(p.variable)}, que ninguna pregunta ni lista de este procedimiento declara.${say.mean(p.suggestion)}`
            : `${say.place(p)} usa ${q(p.variable)}, que ninguna pregunta de este procedimiento declara.${say.mean(p.suggestion)}`,
  },
  "unknown-option": {
    en: (p, say) => {
      const mean = say.mean(p.suggestion);
      if (p.context === "answer")
        return `Action ${p.action} answers ${q(p.value)} at step ${q(p.step ?? "")}, which is not one of its options (${say.list(p.options)}).${mean}`;
      if (p.context === "item")
        return `Action ${p.action} ticks ${q(p.value)} at step ${q(p.step ?? "")}, which has no such item (${say.list(p.options)}).${mean}`;
      return `${say.place(p)}: ${q(p.variable ?? "")} is never ${q(p.value)}; its options are ${say.list(p.options)}.${mean}`;
    },
    es: (p, say) => {
      const mean = say.mean(p.suggestion);
      if (p.context === "answer")
        return `La acción ${p.action} responde ${q(p.value)} en el paso ${q(p.step ?? "")}, que no es una de sus opciones (${say.list(p.options)}).${mean}`;
      if (p.context === "item")
        return `La acción ${p.action} marca ${q(p.value)} en el paso ${q(p.step ?? "")}, que no tiene ese elemento (${say.list(p.options)}).${mean}`;
      return `${say.place(p)}: ${q(p.variable ?? "")} nunca vale ${q(p.value)}; sus opciones son ${say.list(p.options)}.${mean}`;
    },
  },
  "duplicate-variable": {
    en: (p, say) =>
      p.type === undefined
        ? `${say.place(p)} stores its answer in ${q(p.variable)}, which step ${q(p.first)} already fills; the later answer would overwrite the earlier. Use another variable name.`
        : `${say.place(p)} declares ${q(p.variable)} as a ${celType("en", p.type)}, but step ${q(p.first)} declares it as a ${celType("en", p.firstType)}. Use another variable name.`,
    es: (p, say) =>
      p.type === undefined
        ? `${say.place(p)} guarda su respuesta en ${q(p.variable)}, que el paso ${q(p.first)} ya llena; la respuesta posterior sobrescribiría la anterior. Use otro nombre de variable.`
        : `${say.place(p)} declara ${q(p.variable)} como ${celType("es", p.type)}, pero el paso ${q(p.first)} la declara como ${celType("es", p.firstType)}. Use otro nombre de variable.`,
  },
  "duplicate-id": {
    en: (p, say) => {
      switch (p.what) {
        case "track":
          return `${say.place(p)} has two tracks with id ${q(p.id)}.`;
        case "invariant":
          return `Two invariants have the id ${q(p.id)}.`;
        case "item":
          return `${say.place(p)} has two checklist items with id ${q(p.id)}.`;
        case "option":
          return `${say.place(p)} has two options with value ${q(p.id)}.`;
        case "sop":
          return `The SOP id ${q(p.id)} is also used by ${p.otherFile}; each SOP needs its own id.`;
        case "scenario":
          return `The scenario id ${q(p.id)} is also used by ${p.otherFile}; each scenario needs its own id.`;
        case "desk":
          return `desk ${q(p.id)} is defined twice; give each desk its own id`;
        default: {
          const kind = CATALOG_KIND.en[p.what][0];
          return `${kind[0].toUpperCase()}${kind.slice(1)} ${q(p.id)} is defined twice in the catalog${p.otherFile ? ` (first in ${p.otherFile})` : ""}; keep one.`;
        }
      }
    },
    es: (p, say) => {
      switch (p.what) {
        case "track":
          return `${say.place(p)} tiene dos pistas con el id ${q(p.id)}.`;
        case "invariant":
          return `Dos invariantes tienen el id ${q(p.id)}.`;
        case "item":
          return `${say.place(p)} tiene dos elementos de la lista con el id ${q(p.id)}.`;
        case "option":
          return `${say.place(p)} tiene dos opciones con el valor ${q(p.id)}.`;
        case "sop":
          return `El id de procedimiento ${q(p.id)} ya lo usa ${p.otherFile}; cada procedimiento necesita su propio id.`;
        case "scenario":
          return `El id de escenario ${q(p.id)} ya lo usa ${p.otherFile}; cada escenario necesita su propio id.`;
        case "desk":
          return `el puesto ${q(p.id)} está definido dos veces; dé a cada puesto su propio id`;
        default:
          return `El catálogo define dos veces ${CATALOG_KIND.es[p.what][0]} ${q(p.id)}${p.otherFile ? ` (primero en ${p.otherFile})` : ""}; deje una sola definición.`;
      }
    },
  },
  "unreachable-step": {
    en: (p, say) =>
      `${say.place(p)} can never be reached: no step goes to it. Link it from another step, or delete it.`,
    es: (p, say) =>
      `Nunca se llega ${toThe(say.placeIn(p))}: ningún paso lleva a él. Enlácelo desde otro paso, o bórrelo.`,
  },
  "dead-end": {
    en: (p, say) =>
      p.route === undefined
        ? `${say.place(p)} leads nowhere: no path from it reaches an end step, so a case would be stuck there.`
        : `${say.place(p)}: route ${p.route} has no condition, so the routes after it are never taken.`,
    es: (p, say) =>
      p.route === undefined
        ? `${say.place(p)} no lleva a ninguna parte: ningún camino desde él llega a un paso final, así que un caso quedaría atascado allí.`
        : `${say.place(p)}: la ruta ${p.route} no tiene condición, así que las rutas siguientes nunca se toman.`,
  },
  "no-default-route": {
    en: (p, say) =>
      `${say.place(p)} has no route without a condition; when none holds, the case is stuck. End its routes with one that has no "when".`,
    es: (p, say) =>
      `${say.place(p)} no tiene una ruta sin condición; si ninguna se cumple, el caso queda atascado. Termine sus rutas con una que no tenga "when".`,
  },
  "consent-missing": {
    en: (p, say) =>
      `${say.place(p)} asks a ${p.category} question, but a path reaches it without a consent question covering ${q(p.category)} before it. Add a consent step (answer type "consent" with covers [${q(p.category)}]) on every path to it.`,
    es: (p, say) =>
      `${say.place(p)} hace una pregunta de la categoría ${p.category}, pero un camino llega a ella sin una pregunta de consentimiento que cubra ${q(p.category)} antes. Añada un paso de consentimiento (respuesta de tipo "consent" con covers [${q(p.category)}]) en cada camino hacia ella.`,
  },
  "expression-syntax": {
    en: (p, say) =>
      `${say.place(p)}: the condition \`${p.expression}\` cannot be read: ${p.detail}.${slipHint("en", p)}`,
    es: (p, say) =>
      `${say.place(p)}: la condición \`${p.expression}\` no se puede leer: ${p.detail}.${slipHint("es", p)}`,
  },
  "expression-type": {
    en: (p, say) => {
      if (p.duration !== undefined)
        return `${say.place(p)}: duration(${q(p.duration)}) is not a CEL duration; write hours, minutes or seconds, like "72h", "90m" or "4320h" for 180 days.`;
      const why =
        p.gives !== undefined
          ? `it gives a ${celType("en", p.gives)} where a ${celType("en", p.needs)} is needed`
          : (p.detail ?? "");
      return `${say.place(p)}: the condition \`${p.expression}\` does not type-check: ${why}.${slipHint("en", p)}`;
    },
    es: (p, say) => {
      if (p.duration !== undefined)
        return `${say.place(p)}: duration(${q(p.duration)}) no es una duración de CEL; escriba horas, minutos o segundos, como "72h", "90m" o "4320h" para 180 días.`;
      const why =
        p.gives !== undefined
          ? `da ${celType("es", p.gives)} donde se necesita ${celType("es", p.needs)}`
          : (p.detail ?? "");
      return `${say.place(p)}: la condición \`${p.expression}\` no pasa la comprobación de tipos: ${why}.${slipHint("es", p)}`;
    },
  },
  "missing-translation": {
    en: (p, say) => `${say.place(p)}: the text has no ${p.missing.join(" or ")} version.`,
    es: (p, say) =>
      `${say.place(p)}: el texto no tiene versión en ${p.missing.map((l) => LANGUAGE.es[l] ?? l).join(" ni en ")}.`,
  },
  "procedure-cycle": {
    en: (p, say) =>
      `${say.place(p)} runs ${q(p.sop)}, which runs ${quoteAll(p.chain).join(", which runs ")} again: procedures must not call themselves.`,
    es: (p, say) =>
      `${say.place(p)} ejecuta ${q(p.sop)}, que ejecuta ${quoteAll(p.chain).join(", que ejecuta ")} de nuevo: un procedimiento no puede llamarse a sí mismo.`,
  },
  "track-escape": {
    en: (p, say) =>
      `${say.place(p)} is reached from both ${region("en", p.firstTrack, p.firstParallel)} and ${region("en", p.secondTrack, p.secondParallel)}; a track's steps must belong to it alone and end at an end step of their own.`,
    es: (p, say) =>
      `${capitalise(toThe(say.placeIn(p)))} se llega desde ${region("es", p.firstTrack, p.firstParallel)} y desde ${region("es", p.secondTrack, p.secondParallel)}; los pasos de una pista deben ser solo suyos y terminar en un paso final propio.`,
  },
  "own-consulate": {
    en: (p, say) =>
      `${say.place(p)} refers the case to ${q(p.service)}, the consulate of ${p.country}, the person's own country; a protection case is never referred to its own consulate.`,
    es: (p, say) =>
      `${say.place(p)} remite el caso a ${q(p.service)}, el consulado de ${p.country}, el propio país de la persona; un caso de protección nunca se remite a su propio consulado.`,
  },
  "id-mismatch": {
    en: (p) =>
      `The ${p.kind === "sop" ? "SOP" : "scenario"} id ${q(p.id)} does not match its file name; name the file ${q(p.expectedFile)}.`,
    es: (p) =>
      `El id del ${p.kind === "sop" ? "procedimiento" : "escenario"} ${q(p.id)} no coincide con el nombre de su archivo; llame al archivo ${q(p.expectedFile)}.`,
  },
  "version-conflict": {
    en: (p) =>
      `The SOP ${q(p.sop)} version ${p.version} is also in ${p.otherFile} with other content; give the changed one a new version.`,
    es: (p) =>
      `El procedimiento ${q(p.sop)} en su versión ${p.version} también está en ${p.otherFile} con otro contenido; dé una versión nueva al que cambió.`,
  },
  "unverified-legal-basis": {
    en: (p, say) =>
      `${say.place(p)}: the legal basis ${q(p.ref)} is not marked as verified; check it against the source text.`,
    es: (p, say) =>
      `${say.place(p)}: la base legal ${q(p.ref)} no está marcada como verificada; compruébela con el texto original.`,
  },
  "trapping-loop": {
    en: (p) =>
      `From ${q(p.from)} the case can return to ${q(p.to)} forever, and no route leaves this loop (${quoteAll(p.steps).join(", ")}). Add a route out of it, to a step that leads to an end.`,
    es: (p) =>
      `Desde ${q(p.from)} el caso puede volver a ${q(p.to)} para siempre, y ninguna ruta sale de este bucle (${quoteAll(p.steps).join(", ")}). Añada una ruta que salga de él, hacia un paso que lleve a un final.`,
  },
  "loop-never-left": {
    en: (p) =>
      `From ${q(p.from)} the case returns to ${q(p.to)}, and every route out of this loop (${quoteAll(p.steps).join(", ")}) has a condition that never holds, or comes after a route that is always taken: a case that enters it cannot leave.`,
    es: (p) =>
      `Desde ${q(p.from)} el caso vuelve a ${q(p.to)}, y cada ruta que sale de este bucle (${quoteAll(p.steps).join(", ")}) tiene una condición que nunca se cumple, o va detrás de una ruta que se toma siempre: un caso que entra no puede salir.`,
  },
  "schema-reference": {
    en: (p) =>
      p.problem === "missing-target"
        ? `"$schema" points at ${q(p.value)}, which does not exist; write ${q(p.expected)}.`
        : `"$schema" points at ${q(p.value)}, which is not the schema for this kind of file; write ${q(p.expected)}.`,
    es: (p) =>
      p.problem === "missing-target"
        ? `"$schema" apunta a ${q(p.value)}, que no existe; escriba ${q(p.expected)}.`
        : `"$schema" apunta a ${q(p.value)}, que no es el esquema de este tipo de archivo; escriba ${q(p.expected)}.`,
  },
  "catalog-invalid": {
    en: (p, say) => {
      const [one, other] = CATALOG_KIND.en[p.kind];
      const refs = say.count(p.count, `reference to its ${other}`, `references to its ${other}`);
      return `The catalog file ${p.catalogFile} is invalid, so ${refs} cannot be checked (the first: the ${one} ${q(p.id)} at ${say.placeIn(p)}). Fix that file first.`;
    },
    es: (p, say) => {
      const [one, other] = CATALOG_KIND.es[p.kind];
      const verb = say.pick(p.count, "no se puede comprobar", "no se pueden comprobar");
      const refs = say.count(p.count, `referencia a sus ${other}`, `referencias a sus ${other}`);
      return `El archivo de catálogo ${p.catalogFile} no es válido, así que ${verb} ${refs} (la primera: ${one} ${q(p.id)} en ${say.placeIn(p)}). Corrija primero ese archivo.`;
    },
  },
  "answer-type": {
    en: (p) => {
      const range =
        p.min !== undefined && p.max !== undefined
          ? ` from ${p.min} to ${p.max}`
          : p.min !== undefined
            ? ` of at least ${p.min}`
            : p.max !== undefined
              ? ` of at most ${p.max}`
              : "";
      const hint = p.numberInQuotes ? ` Write the number without quotes: ${JSON.parse(p.value ?? '""')}.` : "";
      const gives = p.actual === undefined ? "gives no answer" : `answers ${describeFound("en", p.actual, p.value)}`;
      return `Action ${p.action} ${gives} at step ${q(p.step ?? "")}, which takes ${ANSWER.en[p.expected]}${range}.${hint}`;
    },
    es: (p) => {
      const range =
        p.min !== undefined && p.max !== undefined
          ? ` de ${p.min} a ${p.max}`
          : p.min !== undefined
            ? ` de al menos ${p.min}`
            : p.max !== undefined
              ? ` de como mucho ${p.max}`
              : "";
      const hint = p.numberInQuotes ? ` Escriba el número sin comillas: ${JSON.parse(p.value ?? '""')}.` : "";
      const gives = p.actual === undefined ? "no da respuesta" : `responde ${describeFound("es", p.actual, p.value)}`;
      return `La acción ${p.action} ${gives} en el paso ${q(p.step ?? "")}, que espera ${ANSWER.es[p.expected]}${range}.${hint}`;
    },
  },
  "wrong-action": {
    en: (p) => {
      const step = `step ${q(p.step ?? "")} of ${q(p.sop)}, ${/^[aeiou]/.test(p.kind) ? "an" : "a"} ${p.kind} step`;
      if (p.do === "correct" || p.do === "update")
        return `Action ${p.action} ${p.do === "correct" ? "corrects" : "updates"} ${step}, which has no answer to change: a correction changes a question's answer, a checklist's ticks or a referral's consent, and new information a question's answer.`;
      if (p.do === "not-needed") return `Action ${p.action} records ${step}, as not needed: only a referral can be.`;
      return `Action ${p.action} is at ${step}, which takes no action: the case goes through it by itself. Remove this action.`;
    },
    es: (p) => {
      const step = `el paso ${q(p.step ?? "")} de ${q(p.sop)}, un paso de tipo ${p.kind}`;
      if (p.do === "correct" || p.do === "update")
        return `La acción ${p.action} ${p.do === "correct" ? "corrige" : "actualiza"} ${step}, que no tiene respuesta que cambiar: una corrección cambia la respuesta de una pregunta, las marcas de una lista o el consentimiento de una referencia, y la información nueva, la respuesta de una pregunta.`;
      if (p.do === "not-needed")
        return `La acción ${p.action} registra ${step}, como no necesario: solo una remisión puede serlo.`;
      return `La acción ${p.action} está en ${step}, que no admite acciones: el caso lo atraviesa solo. Quite esta acción.`;
    },
  },
  "incomplete-action": {
    en: (p) => `Action ${p.action} (${p.do}) does not say ${NEEDS.en[p.needs]}: add ${q(p.needs)}.`,
    es: (p) => `La acción ${p.action} (${p.do}) no dice ${NEEDS.es[p.needs]}: añada ${q(p.needs)}.`,
  },
  "unknown-follow-up": {
    en: (p, say) =>
      `${say.place(p)} names the follow-up ${q(p.followUp)}, which the SOP ${q(p.sop)} never sets.${say.mean(p.suggestion)}`,
    es: (p, say) =>
      `${say.place(p)} nombra el seguimiento ${q(p.followUp)}, que el procedimiento ${q(p.sop)} nunca fija.${say.mean(p.suggestion)}`,
  },
  "unknown-deadline": {
    en: (p, say) =>
      `The scenario expects the deadline ${q(p.deadline)}, which the SOP ${q(p.sop)} never sets.${say.mean(p.suggestion)}`,
    es: (p, say) =>
      `El escenario espera el plazo ${q(p.deadline)}, que el procedimiento ${q(p.sop)} nunca fija.${say.mean(p.suggestion)}`,
  },
  "unknown-scenario": {
    en: (p, say) => `no scenario ${q(p.scenario)} in the library.${say.mean(p.suggestion)}`,
    es: (p, say) => `no hay ningún escenario ${q(p.scenario)} en la biblioteca.${say.mean(p.suggestion)}`,
  },
  "unknown-path": {
    en: (p, say) =>
      `SOP ${q(p.sop)} has ${say.count(p.count, "path", "paths")}; run \`senda paths\` on it to see them numbered`,
    es: (p, say) =>
      `el procedimiento ${q(p.sop)} tiene ${say.count(p.count, "camino", "caminos")}; ejecute \`senda paths\` con él para verlos numerados`,
  },
  "unknown-site": {
    en: (p, say) =>
      p.noCapacity
        ? `the catalog gives no capacity for site ${q(p.site)} (0 means unknown); give beds.capacity instead`
        : `the catalog has no site ${q(p.site)}.${say.mean(p.suggestion)}`,
    es: (p, say) =>
      p.noCapacity
        ? `el catálogo no da capacidad para el sitio ${q(p.site)} (0 significa desconocida); dé beds.capacity en su lugar`
        : `el catálogo no tiene el sitio ${q(p.site)}.${say.mean(p.suggestion)}`,
  },
  "unhandled-step": {
    en: (p) =>
      `persona ${q(p.persona)} goes through SOP ${q(p.sop)}, which no desk handles; add ${q(p.sop)} (or an SOP that runs it) to a desk's sops`,
    es: (p) =>
      `la persona ${q(p.persona)} pasa por el procedimiento ${q(p.sop)}, que ningún puesto atiende; añada ${q(p.sop)} (o un procedimiento que lo ejecute) a las sops de un puesto`,
  },
  "missing-answer": {
    en: (p, say) =>
      `the contingency SOP ${q(p.sop)} also asks ${p.missing.map((v, i) => `${q(v)} (${p.titlesEn[i]})`).join(", ")}, which the simulation cannot know; answer ${say.pick(p.missing.length, "it", "them")} in contingency.answers`,
    es: (p, say) =>
      `el procedimiento de contingencia ${q(p.sop)} también pregunta ${p.missing.map((v, i) => `${q(v)} (${p.titlesEs[i]})`).join(", ")}, que la simulación no puede saber; ${say.pick(p.missing.length, "respóndala", "respóndalas")} en contingency.answers`,
  },
  "invalid-answer": {
    en: (p) => `${q(p.variable)} (step ${q(p.step)}): ${p.detail}`,
    es: (p) => `${q(p.variable)} (paso ${q(p.step)}): ${p.detail}`,
  },
  "conflicting-fields": {
    en: (p, say) => {
      switch (p.rule) {
        case "days-or-hours":
          return "give either days or hours, not both";
        case "site-or-capacity":
          return "give either the site (its catalog capacity) or a capacity, not both";
        case "scenario-or-path":
          return "give either a scenario or a path for each persona";
        case "too-few-counts":
          return `the arrivals give ${say.count(p.counts, "day", "days")} of counts, fewer than the ${p.days} days to simulate; give more counts or fewer days`;
        case "sop-at-two-desks":
          return `SOP ${q(p.sop)} is handled by desk ${q(p.desk)} already; name it at one desk`;
        case "days-reversed":
          return `toDay (${p.toDay}) is before fromDay (${p.fromDay})`;
      }
    },
    es: (p, say) => {
      switch (p.rule) {
        case "days-or-hours":
          return "dé días u horas, no ambos";
        case "site-or-capacity":
          return "dé el sitio (su capacidad en el catálogo) o una capacidad, no ambos";
        case "scenario-or-path":
          return "dé un escenario o un camino para cada persona";
        case "too-few-counts":
          return `las llegadas dan cifras de ${say.count(p.counts, "día", "días")}, menos que los ${p.days} días a simular; dé más cifras o menos días`;
        case "sop-at-two-desks":
          return `el procedimiento ${q(p.sop)} ya lo atiende el puesto ${q(p.desk)}; nómbrelo en un solo puesto`;
        case "days-reversed":
          return `toDay (${p.toDay}) es anterior a fromDay (${p.fromDay})`;
      }
    },
  },
  "missing-field": {
    en: (p) =>
      p.rule === "length"
        ? "say how long to simulate: days (or hours)"
        : "give the site (for its catalog capacity) or a capacity",
    es: (p) =>
      p.rule === "length"
        ? "diga cuánto tiempo simular: días (u horas)"
        : "dé el sitio (por su capacidad en el catálogo) o una capacidad",
  },
  "unused-answer": {
    en: (p) =>
      p.rule === "derived"
        ? `${q(p.variable)} comes from the simulation (${p.figure}); the plan's answer is not used`
        : `day ${p.day} is after the last simulated day (${p.days})`,
    es: (p) =>
      p.rule === "derived"
        ? `${q(p.variable)} sale de la simulación (${p.figure}); no se usa la respuesta del plan`
        : `el día ${p.day} es posterior al último día simulado (${p.days})`,
  },
  "unstaffed-desk": {
    en: (p) => `desk ${q(p.desk)} has no staff, and persona ${q(p.persona)} needs it: they will wait until the end`,
    es: (p) =>
      `el puesto ${q(p.desk)} no tiene personal, y la persona ${q(p.persona)} lo necesita: esperará hasta el final`,
  },
  "persona-differs": {
    en: (p) =>
      `persona ${q(p.persona)} does not play as its scenario expects (${p.difference}); its time is counted as far as it went`,
    es: (p) =>
      `la persona ${q(p.persona)} no se desarrolla como espera su escenario (${p.difference}); su tiempo se cuenta hasta donde llegó`,
  },
  "bad-csv": {
    en: (p) =>
      p.problem === "no-counts"
        ? "the file has no daily counts: write one day per line, like 2024-03-01,850"
        : `the count ${q(p.value ?? "")} is not a whole number of people from 0 to 100,000`,
    es: (p) =>
      p.problem === "no-counts"
        ? "el archivo no tiene cifras diarias: escriba un día por línea, como 2024-03-01,850"
        : `la cifra ${q(p.value ?? "")} no es un número entero de personas entre 0 y 100.000`,
  },
  "nesting-too-deep": {
    en: (p, say) =>
      p.what === "tracks"
        ? `${say.place(p)} puts parallel tracks ${p.depth} levels deep inside one another, more than the ${p.limit} a case can be run with; flatten them into fewer levels.`
        : `${say.place(p)} starts a chain of procedures running procedures ${p.depth} deep, more than the ${p.limit} a case can be run with; run some of them one after another instead.`,
    es: (p, say) =>
      p.what === "tracks"
        ? `${say.place(p)} anida pistas paralelas a ${p.depth} niveles unas dentro de otras, más de los ${p.limit} con los que se puede llevar un caso; redúzcalas a menos niveles.`
        : `${say.place(p)} inicia una cadena de procedimientos que ejecutan procedimientos de ${p.depth} niveles, más de los ${p.limit} con los que se puede llevar un caso; ejecute algunos uno tras otro.`,
  },
  "unknown-role": {
    en: (p, say) =>
      p.followUp === undefined
        ? `the catalog has no role ${q(p.role)}.${say.mean(p.suggestion)}`
        : `${say.place(p)} gives the follow-up ${q(p.followUp)} to the role ${q(p.role)}, which is not in the catalog.${say.mean(p.suggestion)}`,
    es: (p, say) =>
      p.followUp === undefined
        ? `el catálogo no tiene el rol ${q(p.role)}.${say.mean(p.suggestion)}`
        : `${say.place(p)} asigna el seguimiento ${q(p.followUp)} al rol ${q(p.role)}, que no está en el catálogo.${say.mean(p.suggestion)}`,
  },
  "unknown-kind": {
    en: (p, say) =>
      `${q(p.flag)} ${p.context === "forbids" ? "forbids" : "concerns"} services of kind ${q(p.kind)}, but no service is of that kind.${say.mean(p.suggestion)}`,
    es: (p, say) =>
      `${q(p.flag)} ${p.context === "forbids" ? "prohíbe" : "concierne a"} servicios de tipo ${q(p.kind)}, pero ningún servicio es de ese tipo.${say.mean(p.suggestion)}`,
  },
  "placeholder-text": {
    en: (p) =>
      p.field === "contact"
        ? `The contact still holds ${q(p.found)}.`
        : `This text still holds ${q(p.found)}, which no officer or person should read: write the final text, and keep notes for policy staff in "notes".`,
    es: (p) =>
      p.field === "contact"
        ? `El contacto aún contiene ${q(p.found)}.`
        : `Este texto aún contiene ${q(p.found)}, que ningún funcionario ni persona debería leer: escriba el texto final, y deje las notas para el personal de políticas en "notes".`,
  },
  "gendered-say": {
    en: (p) =>
      `The text read aloud in ${q(p.locale)} says ${q(p.found)}, which assumes the person's gender: say it in a neutral form (for example "¿se siente seguro o segura?" becomes "¿se siente en un lugar seguro?"), since the officer does not know how the person wants to be addressed.`,
    es: (p) =>
      `El texto que se lee en voz alta en ${q(p.locale)} dice ${q(p.found)}, que supone el género de la persona: dígalo en forma neutra (por ejemplo, «¿se siente segura?» pasa a «¿se siente en un lugar seguro?»), porque quien atiende no sabe cómo quiere que se le trate.`,
  },
  "answer-reveals": {
    en: (p) =>
      `The answer to step ${q(p.step ?? "")} tells whether ${q(p.flag)} (${p.sensitivity}) is raised, but the answer is kept at ${p.level}: give the step "level": ${q(p.sensitivity)} so that it is shown only where the flag may be.`,
    es: (p) =>
      `La respuesta al paso ${q(p.step ?? "")} dice si se activa ${q(p.flag)} (${LEVEL.es[p.sensitivity]}), pero la respuesta se guarda a nivel ${LEVEL.es[p.level]}: dé al paso "level": ${q(p.sensitivity)} para que solo se muestre donde puede verse la alerta.`,
  },
  "slip-over-level": {
    en: (p) =>
      p.variable !== undefined
        ? `The slip for ${q(p.service)} (which may receive ${p.receives} facts) would share ${q(p.variable)}, kept at ${p.shared}: it would be left off. Share something the service may receive, or refer to a service that may receive it.`
        : `The referral to ${q(p.service)} (which may receive ${p.receives} facts) is made from a ${p.own} part of the procedure: its reason would tell the service more than it may know. Raise a public flag that the service acts on instead, or refer to a service that may receive it.`,
    es: (p) =>
      p.variable !== undefined
        ? `La hoja de remisión a ${q(p.service)} (que puede recibir datos de nivel ${LEVEL.es[p.receives]}) compartiría ${q(p.variable)}, guardado a nivel ${LEVEL.es[p.shared ?? "public"]}: quedaría fuera. Comparta algo que el servicio pueda recibir, o remita a un servicio que pueda recibirlo.`
        : `La remisión a ${q(p.service)} (que puede recibir datos de nivel ${LEVEL.es[p.receives]}) se hace desde una parte ${LEVEL.es[p.own ?? "public"]} del procedimiento: su motivo diría al servicio más de lo que puede saber. Active en su lugar una alerta pública con la que el servicio actúe, o remita a un servicio que pueda recibirlo.`,
  },
  "slip-misses-need": {
    en: (p) =>
      `The slip for ${q(p.service)} leaves out ${q(p.variable)}, which this SOP knows and the service needs to act (${p.whyEn}): add it to "shares".`,
    es: (p) =>
      `La hoja de remisión a ${q(p.service)} deja fuera ${q(p.variable)}, que este procedimiento conoce y que el servicio necesita para actuar (${p.whyEs}): añádalo a "shares".`,
  },
  "outcome-mislabelled": {
    en: (p) =>
      p.service !== undefined
        ? `A case in which only ${q(p.service)} was referred goes from ${q(p.step ?? "")} to ${q(p.end)}, which says "closed": the case would be reported as if no one had been referred. Count ${q(p.service)} in the route to the referred end (or write the route as size(referrals) > 0).`
        : `A case in which no referral was made goes from ${q(p.step ?? "")} to ${q(p.end)}, which says "referred": the case would be reported as referred. Let only a referral that was made lead there.`,
    es: (p) =>
      p.service !== undefined
        ? `Un caso en el que solo se remitió a ${q(p.service)} va de ${q(p.step ?? "")} a ${q(p.end)}, que dice "cerrado": el caso se contaría como si no se hubiera remitido a nadie. Cuente ${q(p.service)} en la ruta hacia el final de remisión (o escriba la ruta como size(referrals) > 0).`
        : `Un caso en el que no se hizo ninguna remisión va de ${q(p.step ?? "")} a ${q(p.end)}, que dice "remitido": el caso se contaría como remitido. Lleve allí solo una remisión hecha.`,
  },
  "resume-outside-region": {
    en: (p) =>
      `Step ${q(p.step ?? "")} resumes at ${q(p.target)}, but new information can only re-route between steps of the main flow, outside parallel tracks.`,
    es: (p) =>
      `El paso ${q(p.step ?? "")} continúa en ${q(p.target)}, pero la información nueva solo puede redirigir entre pasos del flujo principal, fuera de las pistas paralelas.`,
  },
  "missing-public-label": {
    en: (p) =>
      `${q(p.flag)} is ${p.sensitivity} and carries a standing instruction: give it a "publicLabel" (neutral words, never the category) for the queue and for slips to services that may not know more.`,
    es: (p) =>
      `${q(p.flag)} es ${LEVEL.es[p.sensitivity]} y lleva una instrucción permanente: dele una "publicLabel" (palabras neutras, nunca la categoría) para la cola y para las hojas de remisión a servicios que no pueden saber más.`,
  },
  "empty-expectations": {
    en: () =>
      "The scenario expects nothing, and its SOP has no invariants, so it can never fail; say what must come out: flags, referrals, the outcome, deadlines or steps visited.",
    es: () =>
      "El escenario no espera nada y su procedimiento no tiene invariantes, así que nunca puede fallar; diga qué debe resultar: alertas, remisiones, el desenlace, plazos o pasos visitados.",
  },
};

const SAY: Record<Locale, Say> = { es: sayFor("es"), en: sayFor("en") };

/**
 * Builds an issue from its code and params; its English message is written from them. The location in the file is
 * filled in by the loader that knows the source text.
 */
export function issue<C extends IssueCode>(
  code: C,
  params: IssueParamsOf[C],
  pointer: string,
  severity: Severity = "error",
): Issue {
  const template = ISSUE_MESSAGES[code].en as Template<C>;
  return { code, severity, message: template(params, SAY.en), params: params as IssueParams, pointer };
}

/** An issue's message in the given language, written from its code and params. */
export function formatIssue(found: Pick<Issue, "code" | "params">, locale: Locale): string {
  const template = ISSUE_MESSAGES[found.code][locale] as Template<IssueCode>;
  return template(found.params as never, SAY[locale]);
}

/** "3 problems: 1 error and 2 warnings", with each word in the right number for its count. */
export function formatIssueCount(errors: number, warnings: number, locale: Locale): string {
  const say = SAY[locale];
  const total = errors + warnings;
  if (locale === "en")
    return `${say.count(total, "problem", "problems")}: ${say.count(errors, "error", "errors")} and ${say.count(warnings, "warning", "warnings")}`;
  return `${say.count(total, "problema", "problemas")}: ${say.count(errors, "error", "errores")} y ${say.count(warnings, "aviso", "avisos")}`;
}

/** Where an issue is, in the given language: `Step "ask-age" (at next.0)`, `Action 3`, `The document`. */
export function describeSubject(subject: Subject, locale: Locale): string {
  return SAY[locale].place(subject);
}
