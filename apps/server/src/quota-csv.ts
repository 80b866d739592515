import type { QuotaSnapshot } from '@execops/contract';
import { csvLine } from './csv.ts';

const COLUMNS = [
  'tenant', 'jobType', 'maxActive', 'maxPerHour', 'burst', 'refillPerSecond', 'paused',
  'active', 'usedThisHour', 'hourEndsAt', 'tokens', 'throttled', 'generatedAt',
] as const;

/** The snapshot as RFC 4180 CSV: a header row, then one row per quota with its live usage. */
export function quotaSnapshotCsv(snapshot: QuotaSnapshot): string {
  const rows = snapshot.quotas.map((q) =>
    csvLine([q.tenant, q.jobType, q.maxActive, q.maxPerHour, q.burst, q.refillPerSecond, q.paused, q.usage.active, q.usage.usedThisHour,
      q.usage.hourEndsAt, q.usage.tokens, q.usage.throttled, snapshot.generatedAt]),
  );
  return csvLine(COLUMNS) + rows.join('');
}
