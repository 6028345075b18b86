/**
 * A content hash of JSON values: two 32-bit FNV-1a hashes with different seeds over canonical JSON (sorted keys).
 * It identifies an SOP version's exact text; it is not a security measure.
 *
 * The canonical text is fed to the hash piece by piece as the value is walked, never built as one string: a
 * 5,000-step SOP's text is about a megabyte, and building it cost more than hashing it. The hash is the same as
 * hashing `canonicalJson(value)` (`test/engine/hashBundle.test.ts` checks it): stored hashes must not move.
 */
export function hashJson(value: unknown): string {
  const hash = new TextHash();
  hash.value(value, true);
  return hash.digest();
}

/** JSON with object keys sorted, so that equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ",";
      // An array slot JSON has no text for (undefined, a function) joins as nothing, as it always has.
      text += canonicalJson(value[i]) ?? "";
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record);
  let text = "{";
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (text.length > 1) text += ",";
    // A value JSON has no text for (a function) reads "undefined" here, as it always has: hashes must not move.
    text += `${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${text}}`;
}

/** The two FNV-1a hashes, fed the canonical text of a value without building it. */
class TextHash {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193 ^ 0x5bd1e995;

  digest(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, "0") + (this.h2 >>> 0).toString(16).padStart(8, "0");
  }

  private char(c: number): void {
    this.h1 = Math.imul(this.h1 ^ c, 0x01000193);
    this.h2 = Math.imul(this.h2 ^ c, 0x01000193 + 0x2b);
  }

  private text(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x01000193 + 0x2b);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /**
   * A string as JSON text: quoted as is when nothing in it needs escaping, through `JSON.stringify` otherwise. One
   * pass: the string is hashed as it is scanned, and the hash put back if a character needs escaping.
   */
  private quoted(text: string): void {
    let h1 = Math.imul(this.h1 ^ 0x22, 0x01000193);
    let h2 = Math.imul(this.h2 ^ 0x22, 0x01000193 + 0x2b);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // Control characters, quote, backslash and surrogates (a lone one is escaped) take JSON.stringify's way.
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
        this.text(JSON.stringify(text));
        return;
      }
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x01000193 + 0x2b);
    }
    this.h1 = Math.imul(h1 ^ 0x22, 0x01000193);
    this.h2 = Math.imul(h2 ^ 0x22, 0x01000193 + 0x2b);
  }

  /**
   * Feeds a value's canonical JSON. `inObject`: a value JSON has no text for (a function, undefined) reads
   * "undefined" as an object member and nothing as an array slot, as `canonicalJson` has it.
   */
  value(value: unknown, inObject: boolean): void {
    if (typeof value === "string") this.quoted(value);
    else if (value === null) this.text("null");
    else if (typeof value !== "object") {
      const text = JSON.stringify(value) as string | undefined;
      if (text !== undefined) this.text(text);
      else if (inObject) this.text("undefined");
    } else if (Array.isArray(value)) {
      this.char(0x5b);
      for (let i = 0; i < value.length; i++) {
        if (i > 0) this.char(0x2c);
        this.value(value[i], false);
      }
      this.char(0x5d);
    } else {
      const record = value as Record<string, unknown>;
      const keys = sortedKeys(record);
      this.char(0x7b);
      let first = true;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const item = record[key];
        if (item === undefined) continue;
        if (!first) this.char(0x2c);
        first = false;
        this.quoted(key);
        this.char(0x3a);
        this.value(item, true);
      }
      this.char(0x7d);
    }
  }
}

/**
 * An object's keys in the order `Object.keys(record).sort()` gives them. Most objects of an SOP have a handful of
 * keys (a text's languages, a step's fields), which an insertion sort puts in order several times faster than
 * `Array.prototype.sort`; both compare by UTF-16 code units, and keys are unique, so the order is the same.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  const count = keys.length;
  if (count > 16) return keys.sort();
  for (let i = 1; i < count; i++) {
    const key = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j--) keys[j + 1] = keys[j];
    keys[j + 1] = key;
  }
  return keys;
}
