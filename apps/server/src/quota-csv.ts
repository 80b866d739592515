import type { QuotaSnapshot } from '@execops/contract';

const COLUMNS = [
  'tenant', 'jobType', 'maxActive', 'maxPerHour', 'burst', 'refillPerSecond', 'paused',
  'active', 'usedThisHour', 'hourEndsAt', 'tokens', 'throttled', 'generatedAt',
] as const;

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The snapshot as RFC 4180 CSV: a header row, then one row per quota with its live usage. */
export function quotaSnapshotCsv(snapshot: QuotaSnapshot): string {
  const rows = snapshot.quotas.map((q) =>
    [q.tenant, q.jobType, q.maxActive, q.maxPerHour, q.burst, q.refillPerSecond, q.paused, q.usage.active, q.usage.usedThisHour,
      q.usage.hourEndsAt, q.usage.tokens, q.usage.throttled, snapshot.generatedAt].map(cell).join(','),
  );
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
