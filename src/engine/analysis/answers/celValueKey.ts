/**
 * A CEL value as comparable text: timestamps, durations and integers made plain, so that two values with the same
 * key behave the same in every expression. `undefined` (CEL failed) is "⊥".
 */
export function celValueKey(value: unknown): string {
  if (value === undefined) return "⊥";
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return `t${value.getTime()}`;
  if (value && typeof value === "object" && "seconds" in value) {
    const d = value as { seconds: bigint | number; nanos?: number };
    return `d${d.seconds}.${d.nanos ?? 0}`;
  }
  if (Array.isArray(value)) return `[${value.map(celValueKey).join(",")}]`;
  return JSON.stringify(value) ?? "⊥";
}
