const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (value: number) => String(value).padStart(2, '0');

/** A duration an operator reads at a glance: `850 ms`, `12.3 s`, `4 min 05 s`, `3 h 12 min`, `2 d 04 h`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (abs < SECOND) return `${sign}${Math.round(abs)} ms`;
  if (abs < MINUTE) return `${sign}${(Math.floor(abs / 100) / 10).toFixed(1)} s`;
  if (abs < HOUR) return `${sign}${Math.floor(abs / MINUTE)} min ${pad(Math.floor((abs % MINUTE) / SECOND))} s`;
  if (abs < DAY) return `${sign}${Math.floor(abs / HOUR)} h ${pad(Math.floor((abs % HOUR) / MINUTE))} min`;
  return `${sign}${Math.floor(abs / DAY)} d ${pad(Math.floor((abs % DAY) / HOUR))} h`;
}

/** The exact value for the hover title: `12345.6 ms` → `12,346 ms`. */
export function formatRawMs(ms: number): string {
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/** Milliseconds from one instant to another, or null when either is missing. */
export function millisBetween(fromIso: string | null, toIso: string | null): number | null {
  if (!fromIso || !toIso) return null;
  const ms = new Date(toIso).getTime() - new Date(fromIso).getTime();
  return Number.isNaN(ms) ? null : ms;
}
