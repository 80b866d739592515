/** Quick picks for the creation window; each becomes an absolute `createdAfter`, so a shared URL shows the same jobs. */
export const TIME_WINDOWS = [
  { label: '15 min', ms: 15 * 60_000 },
  { label: '1 h', ms: 60 * 60_000 },
  { label: '24 h', ms: 24 * 60 * 60_000 },
  { label: '7 d', ms: 7 * 24 * 60 * 60_000 },
] as const;

export type TimeWindow = (typeof TIME_WINDOWS)[number];

export function windowStart(window: TimeWindow, now = Date.now()): string {
  return new Date(now - window.ms).toISOString();
}
