/** The units a length of time (`within`, "30m", "24h", "5d") may be written in, in milliseconds. */
export const WITHIN_UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

const WITHIN = /^([0-9]+(?:\.[0-9]+)?)(m|h|d)$/;

/** A length of time written as the schemas allow ("90m", "72h", "5d"), in milliseconds; NaN when malformed. */
export function durationMs(within: string): number {
  const match = WITHIN.exec(within);
  return match ? Number(match[1]) * WITHIN_UNIT_MS[match[2] as keyof typeof WITHIN_UNIT_MS] : Number.NaN;
}

/** The moment `within` after `from`. */
export function addDuration(from: Date, within: string): Date {
  return new Date(from.getTime() + durationMs(within));
}
