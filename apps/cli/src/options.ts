import { InvalidArgumentError } from '@commander-js/extra-typings';

export function parseIntegerOption(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new InvalidArgumentError(`"${raw}" is not a whole number`);
  return value;
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `15m`, `1h`, `7d` → the instant that long before `now`, as ISO text. */
export function parseSinceOption(raw: string, now = Date.now()): string {
  const match = /^(\d+)([smhd])$/.exec(raw);
  if (!match) throw new InvalidArgumentError(`"${raw}" is not a duration like 30s, 15m, 1h or 7d`);
  return new Date(now - Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]).toISOString();
}

export function parseJsonOption(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new InvalidArgumentError(`not valid JSON: ${(error as Error).message}`);
  }
}
