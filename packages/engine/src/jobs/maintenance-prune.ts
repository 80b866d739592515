import { PrunePayload, type PruneJobResult } from '@execops/contract';
import type { JobContext } from '../runtime/job-handler.ts';
import type { EngineStore } from '../store/engine-store.ts';
import { parsePayload } from './parse-payload.ts';

const BATCH = 1_000;
const HOUR_MS = 3_600_000;

/** `maintenance.prune`: deletes finished jobs (with their attempts) and events older than the retention, in batches. */
export function pruneFinishedJobs(store: EngineStore) {
  return async (context: JobContext): Promise<PruneJobResult> => {
    const { olderThanHours } = parsePayload(PrunePayload, context.payload);
    const cutoff = new Date(Date.now() - olderThanHours * HOUR_MS);
    const total = { deleted: 0, eventsDeleted: 0 };
    for (;;) {
      context.signal.throwIfAborted();
      const batch = await store.pruneFinished(cutoff, BATCH);
      total.deleted += batch.deleted;
      total.eventsDeleted += batch.eventsDeleted;
      context.reportProgress(0, `${total.deleted} jobs and ${total.eventsDeleted} events deleted`);
      if (batch.deleted < BATCH && batch.eventsDeleted < BATCH) break;
    }
    return { ...total, cutoff: cutoff.toISOString() };
  };
}
