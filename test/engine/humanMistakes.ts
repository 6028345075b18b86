/**
 * The kinds of breakage a person makes when editing a library by hand, as mutations of a file: a key deleted, a
 * value of the wrong type, an empty string, a null, deep nesting, a key written twice, a cut file, a word
 * processor's curly quotes, a spreadsheet's AND and =, a number in quotes, a misspelt id or key, a step renamed,
 * copied or removed, a loop. Each mutation is chosen and placed by plain numbers, so a fast-check seed replays it.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** How deep `pathsOf` looks: far below any real file, and far above what a value needs to be found. */
const PATH_DEPTH = 40;

/** Every path to a value in a JSON document, the root excluded, in document order, to `PATH_DEPTH`. Iterative. */
export function pathsOf(root: Json): Path[] {
  const out: Path[] = [];
  const stack: { value: Json; path: Path }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (path.length > 0) out.push(path);
    if (path.length >= PATH_DEPTH) continue;
    if (Array.isArray(value))
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value).reverse()) stack.push({ value: v, path: [...path, k] });
  }
  return out;
}

function parentOf(root: Json, path: Path): { parent: Record<string | number, Json>; key: string | number } {
  let parent = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  return { parent, key: path[path.length - 1] };
}

/** A typo of a word: two letters swapped, one dropped, one doubled, a capital, a space, an underscore. */
export function typo(word: string, n: number): string {
  if (word.length < 2) return `${word}x`;
  const i = n % (word.length - 1);
  switch (n % 7) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 3:
      return word[0].toUpperCase() + word.slice(1);
    case 4:
      return word.replace(/-/g, " ");
    case 5:
      return word.replace(/-/g, "_");
    default:
      return word.toUpperCase();
  }
}

/** A value of another type than `value`, as people write them: "18" for 18, "true" for true, a list for one. */
function wrongType(value: Json, n: number): Json {
  if (typeof value === "number") return [String(value), null, [value], true][n % 4];
  if (typeof value === "boolean") return [String(value), n % 2 === 0 ? "yes" : "sí", 1, null][n % 4];
  if (typeof value === "string") return [Number.parseInt(value, 10) || 18, [value], { es: value }, false][n % 4];
  if (Array.isArray(value)) return [value[0] ?? null, {}, "", value.length][n % 4];
  if (value && typeof value === "object") return [[value], Object.values(value)[0] ?? "", "", 0][n % 4];
  return ["", 0, [], {}][n % 4];
}

/** A CEL condition as someone used to spreadsheet formulas or a word processor writes it. */
function spreadsheetSlip(expression: string, n: number): string {
  switch (n % 6) {
    case 0:
      return expression.replace(/&&/g, "AND");
    case 1:
      return expression.replace(/\|\|/g, "OR");
    case 2:
      return expression.replace(/==/g, "=");
    case 3:
      return expression.replace(/!=/g, "<>");
    case 4:
      return expression.replace(/"/g, (_, i: number) => (i % 2 === 0 ? "\u201c" : "\u201d"));
    default:
      return expression.replace(/(\d+)/, '"$1"');
  }
}

const KINDS = ["instruction", "checklist", "question", "decision", "referral", "procedure", "parallel", "end"];

/** Mistakes made to the parsed value; each returns the changed document (or the same one when it does not apply). */
const VALUE_MISTAKES: ((doc: Json, where: number, what: number) => void)[] = [
  // delete a key, or an item of a list
  (doc, where) => {
    const all = pathsOf(doc);
    if (all.length === 0) return;
    const { parent, key } = parentOf(doc, all[where % all.length]);
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  },
  // a value of the wrong type
  (doc, where, what) => {
    const all = pathsOf(doc);
    if (all.length === 0) return;
    const { parent, key } = parentOf(doc, all[where % all.length]);
    parent[key] = wrongType(parent[key], what);
  },
  // an empty string, or a null, where something was
  (doc, where, what) => {
    const all = pathsOf(doc);
    if (all.length === 0) return;
    const { parent, key } = parentOf(doc, all[where % all.length]);
    parent[key] = what % 2 === 0 ? "" : null;
  },
  // a value nested deep in lists: a few levels, more than any SOP has, or enough to exhaust a recursive parser
  (doc, where, what) => {
    const all = pathsOf(doc);
    if (all.length === 0) return;
    const { parent, key } = parentOf(doc, all[where % all.length]);
    let value = parent[key];
    const depth = [3, 150, 6000, 50_000][what % 4];
    for (let i = 0; i < depth; i++) value = [value];
    parent[key] = value;
  },
  // a misspelt key
  (doc, where, what) => {
    const all = pathsOf(doc).filter((p) => typeof p[p.length - 1] === "string");
    if (all.length === 0) return;
    const { parent, key } = parentOf(doc, all[where % all.length]);
    const renamed = typo(String(key), what);
    if (renamed === key || renamed in parent) return;
    parent[renamed] = parent[key];
    delete parent[key];
  },
  // a misspelt string value (an id, a step, a flag, an option)
  (doc, where, what) => {
    const all = pathsOf(doc).filter((p) => typeof parentOf(doc, p).parent[p[p.length - 1]] === "string");
    if (all.length === 0) return;
    const { parent, key } = parentOf(doc, all[where % all.length]);
    parent[key] = typo(parent[key] as string, what);
  },
  // a condition written as a spreadsheet formula, or with curly quotes, or a number in quotes
  (doc, where, what) => {
    const all = pathsOf(doc).filter((p) => ["when", "holds", "from"].includes(String(p[p.length - 1])));
    if (all.length === 0) return;
    const { parent, key } = parentOf(doc, all[where % all.length]);
    if (typeof parent[key] === "string") parent[key] = spreadsheetSlip(parent[key] as string, what);
  },
  // a step retargeted: to an existing step (maybe closing a loop), to the start, to one that does not exist, or
  // to a name every object has ("constructor", a valid id)
  (doc, where, what) => {
    const steps = stepsOf(doc);
    if (!steps) return;
    const ids = Object.keys(steps);
    const step = steps[ids[where % ids.length]];
    if (!isObject(step) || !("next" in step)) return;
    const start = String((doc as { start?: Json }).start);
    step.next = ["missing-step", start, ids[what % ids.length], "constructor"][what % 4];
  },
  // a step's kind changed
  (doc, where, what) => {
    const steps = stepsOf(doc);
    if (!steps) return;
    const step = steps[Object.keys(steps)[where % Object.keys(steps).length]];
    if (isObject(step)) step.kind = KINDS[what % KINDS.length];
  },
  // a step copied under another id, renamed without renaming what points at it, or removed
  (doc, where, what) => {
    const steps = stepsOf(doc);
    if (!steps) return;
    const ids = Object.keys(steps);
    const id = ids[where % ids.length];
    if (what % 3 === 0) steps[`${id}-copy`] = JSON.parse(serialise(steps[id])) as Json;
    else if (what % 3 === 1) {
      steps[typo(id, what)] = steps[id];
      delete steps[id];
    } else delete steps[id];
  },
];

/** Mistakes made to the text itself. */
const TEXT_MISTAKES: ((text: string, where: number, what: number) => string)[] = [
  // a key written twice: a line of the form "key": value copied below itself
  (text, where) => {
    const lines = text.split("\n");
    const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*"[^"]+": [^{[]+,$/.test(l));
    if (candidates.length === 0) return text;
    const [line, i] = candidates[where % candidates.length];
    lines.splice(i + 1, 0, line);
    return lines.join("\n");
  },
  // a file cut short, as an interrupted save leaves it
  (text, where) => text.slice(0, where % Math.max(1, text.length)),
  // a word processor's curly quotes around one key or value
  (text, where) => {
    const quotes = [...text.matchAll(/"[^"\\\n]*"/g)];
    if (quotes.length === 0) return text;
    const m = quotes[where % quotes.length];
    const inner = m[0].slice(1, -1);
    return `${text.slice(0, m.index)}\u201c${inner}\u201d${text.slice(m.index + m[0].length)}`;
  },
  // a trailing comma before a closing bracket
  (text, where) => {
    const closes = [...text.matchAll(/\n(\s*)[}\]]/g)];
    if (closes.length === 0) return text;
    const m = closes[where % closes.length];
    return `${text.slice(0, m.index)},${text.slice(m.index)}`;
  },
  // a comment, as in JavaScript
  (text, where, what) => {
    const lines = text.split("\n");
    const i = 1 + (where % Math.max(1, lines.length - 1));
    lines.splice(i, 0, what % 2 === 0 ? "  // revisar con SENNIAF" : "  /* TODO */");
    return lines.join("\n");
  },
  // single quotes around a key
  (text, where) => {
    const keys = [...text.matchAll(/"([a-zA-Z]+)":/g)];
    if (keys.length === 0) return text;
    const m = keys[where % keys.length];
    return `${text.slice(0, m.index)}'${m[1]}':${text.slice(m.index + m[0].length)}`;
  },
  // Windows line endings, a byte-order mark, tabs
  (text, _, what) =>
    what % 3 === 0 ? text.replace(/\n/g, "\r\n") : what % 3 === 1 ? `\ufeff${text}` : text.replace(/ {2}/g, "\t"),
];

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function stepsOf(doc: Json): { [key: string]: Json } | undefined {
  const steps = isObject(doc) ? doc.steps : undefined;
  return isObject(steps) && Object.keys(steps).length > 0 ? steps : undefined;
}

/** How many kinds of mistake there are, for an arbitrary that picks one. */
export const MISTAKE_KINDS = VALUE_MISTAKES.length + TEXT_MISTAKES.length;

/** A mistake: which kind, where in the file, and which variant, as plain numbers. */
export type Mistake = [kind: number, where: number, what: number];

/**
 * Applies mistakes to a file's text, in order: value mistakes to the parsed document (re-serialised with two-space
 * indentation, as people keep the files), text mistakes to the text. A text that no longer parses takes only
 * further text mistakes.
 */
export function makeMistakes(text: string, mistakes: readonly Mistake[]): string {
  let current = text;
  for (const [kind, where, what] of mistakes) {
    const k = kind % MISTAKE_KINDS;
    if (k >= VALUE_MISTAKES.length) {
      current = TEXT_MISTAKES[k - VALUE_MISTAKES.length](current, where, what);
      continue;
    }
    let doc: Json;
    try {
      doc = JSON.parse(current) as Json;
    } catch {
      continue;
    }
    VALUE_MISTAKES[k](doc, where, what);
    current = serialise(doc);
  }
  return current;
}

/** JSON text with two-space indentation, without recursion (JSON.stringify overflows on 50,000 nested lists). */
export function serialise(value: Json): string {
  return isDeeperThan(value, 1000) ? serialiseDeep(value) : JSON.stringify(value, null, 2);
}

/** Whether lists and objects nest deeper than `limit` anywhere in a value. Iterative. */
function isDeeperThan(root: Json, limit: number): boolean {
  const stack: { value: Json; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** Punctuation to write between values, told apart from the values on the stack. */
class Punctuation {
  constructor(readonly text: string) {}
}

function serialiseDeep(value: Json): string {
  const parts: string[] = [];
  const stack: (Json | Punctuation)[] = [value];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item instanceof Punctuation) {
      parts.push(item.text);
      continue;
    }
    if (Array.isArray(item)) {
      parts.push("[");
      stack.push(new Punctuation("]"));
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push(item[i]);
        if (i > 0) stack.push(new Punctuation(","));
      }
    } else if (isObject(item)) {
      parts.push("{");
      stack.push(new Punctuation("}"));
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push(entries[i][1]);
        stack.push(new Punctuation(`${JSON.stringify(entries[i][0])}:`));
        if (i > 0) stack.push(new Punctuation(","));
      }
    } else parts.push(JSON.stringify(item));
  }
  return parts.join("");
}
