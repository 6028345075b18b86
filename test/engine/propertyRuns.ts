/**
 * How many cases a property test tries: the given default, times SENDA_PROPERTY_SCALE when set (for a long hunt,
 * e.g. SENDA_PROPERTY_SCALE=20 npx vitest run test/engine/*.property.test.ts).
 */
export function runs(base: number): number {
  const scale = Number(process.env.SENDA_PROPERTY_SCALE ?? 1);
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
