import { describe, expect, it } from 'vitest';
import { DeadLetterQueue, EXPORT_BATCH_ROWS } from '../../src/dead-letter/dead-letter-queue.ts';
import { databaseTargets } from '../support/databases.ts';
import { useStore } from './store-fixture.ts';

const TENANT = 'dlq-export';
const JOBS = 10_500;

describe.each(databaseTargets())('dead-letter export on $name PostgreSQL', (target) => {
  const fx = useStore(target);
  const queue = () => new DeadLetterQueue(fx.db.pool);

  /** Failed jobs inserted in one statement: the trigger writes their entries. */
  const insertFailedJobs = () =>
    fx.db.pool.query(
      `INSERT INTO jobs (id, tenant, job_type, queue, payload, payload_digest, state, attempt, finished_at, last_error)
       SELECT gen_random_uuid(), $1, 'export.volume', 'export.volume', '{}', 'sha256:x', 'failed', 1, now(),
              jsonb_build_object('code', 'volume', 'message', 'job ' || i || ' failed', 'class', 'permanent', 'retryable', false)
       FROM generate_series(1, $2::int) i`,
      [TENANT, JOBS],
    );

  it('reads every entry through a cursor in batches no larger than the batch size', async () => {
    await insertFailedJobs();
    const sizes: number[] = [];
    const ids = new Set<string>();
    for await (const batch of queue().exportBatches(TENANT, {})) {
      sizes.push(batch.length);
      for (const entry of batch) ids.add(entry.id);
    }
    expect(ids.size).toBe(JOBS);
    expect(sizes).toHaveLength(Math.ceil(JOBS / EXPORT_BATCH_ROWS));
    expect(Math.max(...sizes)).toBe(EXPORT_BATCH_ROWS);
    const filtered: number[] = [];
    for await (const batch of queue().exportBatches(TENANT, { text: 'job 77' }, 5)) filtered.push(batch.length);
    expect(filtered.reduce((a, b) => a + b, 0)).toBe(1 + 10 + 100); // job 77, 770–779, 7700–7799
    expect(Math.max(...filtered)).toBe(5);
  });

  it('gives its connection back when the reader stops early', async () => {
    const pool = fx.db.pool;
    for await (const batch of queue().exportBatches(TENANT, {}, 10)) {
      expect(batch).toHaveLength(10);
      break;
    }
    expect(pool.totalCount - pool.idleCount).toBe(0);
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`);
    expect(rows[0]?.n).toBe(0);
  });
});
