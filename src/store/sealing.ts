import type { Level } from "./eventLevel";
import { StoreError } from "./StoreError";

/** Content encrypted at rest: AES-GCM with a 96-bit nonce, both base64. */
export interface Sealed {
  alg: "A256GCM";
  iv: string;
  data: string;
}

/**
 * Encrypts and decrypts what the device stores above the public level, one key per level. `bindTo` (the document id)
 * is authenticated with the content, so sealed content cannot be moved onto another event.
 */
export interface Sealer {
  /** Whether the device holds the key of `level`. */
  holds(level: Level): boolean;
  seal(level: Level, value: unknown, bindTo: string): Promise<Sealed>;
  open(level: Level, sealed: Sealed, bindTo: string): Promise<unknown>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A sealer over WebCrypto AES-GCM keys, by level. The keys never leave it. */
export function createSealer(keys: ReadonlyMap<Level, CryptoKey>): Sealer {
  const keyOf = (level: Level): CryptoKey => {
    const key = keys.get(level);
    if (!key)
      throw new StoreError(
        "not-permitted",
        `This device holds no key for ${level} facts: sign in as an officer whose role sees them.`,
        level,
      );
    return key;
  };
  return {
    holds: (level) => keys.has(level),
    async seal(level, value, bindTo) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: encoder.encode(bindTo) },
        keyOf(level),
        encoder.encode(JSON.stringify(value)),
      );
      return { alg: "A256GCM", iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
    },
    async open(level, sealed, bindTo) {
      try {
        const plain = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: fromBase64(sealed.iv), additionalData: encoder.encode(bindTo) },
          keyOf(level),
          fromBase64(sealed.data),
        );
        return JSON.parse(decoder.decode(plain));
      } catch (error) {
        if (error instanceof StoreError) throw error;
        throw new StoreError(
          "corrupt-log",
          `The sealed content of "${bindTo}" could not be opened with this device's ${level} key; it was altered or sealed with another key.`,
          bindTo,
          { cause: error },
        );
      }
    },
  };
}

/** Whether a value looks like sealed content. */
export function isSealed(value: unknown): value is Sealed {
  const v = value as Partial<Sealed> | undefined;
  return !!v && v.alg === "A256GCM" && typeof v.iv === "string" && typeof v.data === "string";
}

export function toBase64(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
