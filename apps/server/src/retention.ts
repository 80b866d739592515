import type { EngineStore } from '@execops/engine';

export interface Stoppable {
  stop(): void;
}

const HOUR_MS = 3_600_000;

/**
 * Enqueues the built-in `maintenance.prune` job now and every hour. The idempotency key keeps one pending
 * prune at a time across any number of server processes; each run is an ordinary job of the `system` tenant.
 */
export function startRetentionPruning(store: EngineStore, retentionHours: number): Stoppable {
  const enqueue = () =>
    store
      .enqueueBatch('system', [
        { jobType: 'maintenance.prune', payload: { olderThanHours: retentionHours }, idempotencyKey: 'maintenance.prune', maxAttempts: 3 },
      ])
      .catch(() => undefined);
  void enqueue();
  const timer = setInterval(enqueue, HOUR_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
