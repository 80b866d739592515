import type { Queryable } from '../db/pool.ts';
import { PeriodicTask } from '../runtime/periodic-task.ts';

/** Deltas folded per statement; a compaction repeats while it folds full batches, so a pile-up drains at once. */
const COMPACT_BATCH = 5_000;
const COMPACT_INTERVAL_MS = 2_000;

/**
 * SQL for a tenant's job counts per queue and state, from the maintained counts of migration 020 (rollup plus
 * pending deltas); `tenant` is the parameter placeholder. Groups with no job are left out.
 */
export const jobCountsOf = (tenant: string) => `execops_job_counts(${tenant})`;

/** Folds every pending count delta into the rollup; returns how many it folded. Safe with several processes. */
export async function compactJobCounts(db: Queryable): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await db.query<{ folded: number }>('SELECT execops_compact_job_counts($1) AS folded', [COMPACT_BATCH]);
    const folded = rows[0]?.folded ?? 0;
    total += folded;
    if (folded < COMPACT_BATCH) return total;
  }
}

/** Every server process compacts the job count deltas every few seconds, so readers sum a short list. */
export class JobCountCompactor extends PeriodicTask {
  constructor(db: Queryable, onError?: (error: unknown) => void, intervalMs = COMPACT_INTERVAL_MS) {
    super(() => compactJobCounts(db), intervalMs, onError);
  }
}
