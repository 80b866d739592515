import { PeriodicTask } from '../runtime/periodic-task.ts';
import type { Queryable } from './pool.ts';

/** Deltas folded per statement; a compaction repeats while it folds full batches, so a pile-up drains at once. */
const COMPACT_BATCH = 5_000;
const COMPACT_INTERVAL_MS = 2_000;

/** Folds every pending delta of one maintained count with its SQL compaction (migrations 020, 021); returns how many. */
async function compact(db: Queryable, compaction: string): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await db.query<{ folded: number }>(`SELECT ${compaction}($1) AS folded`, [COMPACT_BATCH]);
    const folded = rows[0]?.folded ?? 0;
    total += folded;
    if (folded < COMPACT_BATCH) return total;
  }
}

/** Job counts per (tenant, queue, state). Safe with several processes. */
export const compactJobCounts = (db: Queryable) => compact(db, 'execops_compact_job_counts');

/** Dead-letter counts per (tenant, status, job type, cluster, retryable). Safe with several processes. */
export const compactDeadLetterCounts = (db: Queryable) => compact(db, 'execops_compact_dead_letter_counts');

/** Every maintained count, one after the other; returns how many deltas were folded in all. */
export async function compactAllCounts(db: Queryable): Promise<number> {
  return (await compactJobCounts(db)) + (await compactDeadLetterCounts(db));
}

/** Every server process compacts the maintained counts every few seconds, so readers sum a short list of deltas. */
export class CountCompactor extends PeriodicTask {
  constructor(db: Queryable, onError?: (error: unknown) => void, intervalMs = COMPACT_INTERVAL_MS) {
    super(() => compactAllCounts(db), intervalMs, onError);
  }
}
