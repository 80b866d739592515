import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError } from '../../src/store/errors.ts';
import { databaseTargets } from '../support/databases.ts';
import { TENANT, useStore } from './store-fixture.ts';

describe.each(databaseTargets())('enqueue on $name PostgreSQL', (target) => {
  const fx = useStore(target);

  it('stores a queued job with defaults and logs job.enqueued', async () => {
    const [result] = await fx.store.enqueueBatch(TENANT, [{ jobType: 'enq.defaults', payload: { b: 1, a: [1, 2] } }]);
    expect(result?.created).toBe(true);
    expect(result?.job).toMatchObject({ jobType: 'enq.defaults', queue: 'enq.defaults', state: 'queued', attempt: 0, maxAttempts: 5, priority: 0, timeoutSeconds: 300 });
    const detail = await fx.store.getJob(TENANT, result!.job.id);
    expect(detail?.payload).toEqual({ a: [1, 2], b: 1 });
    expect(detail?.attempts).toEqual([]);
    expect(await fx.eventTypes(result!.job.id)).toEqual(['job.enqueued']);
  });

  it('gives equal payloads the same digest whatever the key order', async () => {
    const [a, b, c] = await fx.store.enqueueBatch(TENANT, [
      { jobType: 'enq.digest', payload: { x: 1, y: { p: true, q: null } } },
      { jobType: 'enq.digest', payload: { y: { q: null, p: true }, x: 1 } },
      { jobType: 'enq.digest', payload: { x: 2 } },
    ]);
    expect(a?.job.payloadDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(b?.job.payloadDigest).toBe(a?.job.payloadDigest);
    expect(c?.job.payloadDigest).not.toBe(a?.job.payloadDigest);
  });

  it('keeps a future job scheduled and unclaimable until it is due', async () => {
    const runAt = new Date(Date.now() + 60_000).toISOString();
    const [result] = await fx.store.enqueueBatch(TENANT, [{ jobType: 'enq.later', runAt }]);
    expect(result?.job.state).toBe('scheduled');
    expect(await fx.store.claim({ workerId: 'w', jobTypes: ['enq.later'], limit: 10, leaseSeconds: 30 })).toEqual([]);
    await fx.db.pool.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE id = $1`, [result!.job.id]);
    expect((await fx.claimOne('enq.later')).jobId).toBe(result!.job.id);
  });

  it('returns the unfinished job holding an idempotency key instead of a second one', async () => {
    const first = await fx.store.enqueueBatch(TENANT, [{ jobType: 'enq.idem', idempotencyKey: 'k1', payload: { n: 1 } }]);
    const again = await fx.store.enqueueBatch(TENANT, [{ jobType: 'enq.idem', idempotencyKey: 'k1', payload: { n: 2 } }]);
    expect(again[0]).toMatchObject({ created: false, job: { id: first[0]!.job.id } });
    const { rows } = await fx.db.pool.query('SELECT id FROM jobs WHERE idempotency_key = $1', ['k1']);
    expect(rows).toHaveLength(1);
  });

  it('maps duplicate keys inside one batch to one job, in request order', async () => {
    const results = await fx.store.enqueueBatch(TENANT, [
      { jobType: 'enq.batch', idempotencyKey: 'dup' },
      { jobType: 'enq.batch' },
      { jobType: 'enq.batch', idempotencyKey: 'dup' },
    ]);
    expect(results.map((r) => r.created)).toEqual([true, true, false]);
    expect(results[2]?.job.id).toBe(results[0]?.job.id);
    expect(results[1]?.job.id).not.toBe(results[0]?.job.id);
  });

  it('scopes idempotency keys to a tenant and frees them once the job finishes', async () => {
    const [a] = await fx.store.enqueueBatch(TENANT, [{ jobType: 'enq.free', idempotencyKey: 'k2' }]);
    const [other] = await fx.store.enqueueBatch('other', [{ jobType: 'enq.free', idempotencyKey: 'k2' }]);
    expect(other?.created).toBe(true);
    const claimed = await fx.claimOne('enq.free');
    expect(claimed.jobId).toBe(a?.job.id);
    await fx.store.complete(claimed, null);
    const [b] = await fx.store.enqueueBatch(TENANT, [{ jobType: 'enq.free', idempotencyKey: 'k2' }]);
    expect(b?.created).toBe(true);
    expect(b?.job.id).not.toBe(a?.job.id);
  });

  it('rejects a batch with an oversized payload and writes none of it', async () => {
    const before = await fx.db.pool.query<{ n: number }>('SELECT count(*) AS n FROM jobs');
    await expect(
      fx.store.enqueueBatch(TENANT, [{ jobType: 'enq.big' }, { jobType: 'enq.big', payload: { blob: 'x'.repeat(4096) } }]),
    ).rejects.toBeInstanceOf(PayloadTooLargeError);
    const after = await fx.db.pool.query<{ n: number }>('SELECT count(*) AS n FROM jobs');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('wakes listeners with the queue name once the insert commits', async () => {
    const client = await fx.db.pool.connect();
    try {
      await client.query('LISTEN execops_jobs');
      const heard = new Promise<string>((resolve) => client.once('notification', (n) => resolve(n.payload ?? '')));
      await fx.store.enqueueBatch(TENANT, [{ jobType: 'enq.notify', queue: 'loud' }]);
      expect(await heard).toBe('loud');
    } finally {
      await client.query('UNLISTEN *');
      client.release();
    }
  });
});
