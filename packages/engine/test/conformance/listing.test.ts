import { describe, expect, it } from 'vitest';
import { ListJobsQuery } from '@execops/contract';
import { InvalidCursorError } from '../../src/store/errors.ts';
import { databaseTargets } from '../support/databases.ts';
import { useStore } from './store-fixture.ts';

const list = (input: Record<string, unknown>) => ListJobsQuery.parse(input);

describe.each(databaseTargets())('listing and pruning on $name PostgreSQL', (target) => {
  const fx = useStore(target);
  const tenant = 'listing';

  it('pages newest first with a cursor until the end', async () => {
    const jobs = Array.from({ length: 7 }, (_, i) => ({ jobType: 'list.page', payload: { i } }));
    const ids = (await fx.store.enqueueBatch(tenant, jobs)).map((r) => r.job.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await fx.store.listJobs(tenant, list({ jobType: 'list.page', limit: 3, ...(cursor ? { cursor } : {}) }));
      seen.push(...result.items.map((j) => j.id));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by state, type, queue, text and creation window', async () => {
    const [a, b, c] = await fx.store.enqueueBatch(tenant, [
      { jobType: 'list.filter', queue: 'q1', correlationId: 'order-77' },
      { jobType: 'list.filter', queue: 'q2', idempotencyKey: 'invoice_100%' },
      { jobType: 'list.other', queue: 'q1' },
    ]);
    const claimed = await fx.store.claim({ workerId: 'w', jobTypes: ['list.other'], limit: 1, leaseSeconds: 30 });
    await fx.store.fail({ ...claimed[0]!, error: { code: 'disk_full', message: 'no space left', class: 'permanent', retryable: false } });
    const ids = async (input: Record<string, unknown>) => (await fx.store.listJobs(tenant, list(input))).items.map((j) => j.id);

    expect(await ids({ queue: 'q1' })).toEqual([c!.job.id, a!.job.id]);
    expect(await ids({ jobType: 'list.filter', queue: 'q2' })).toEqual([b!.job.id]);
    expect(await ids({ state: 'failed' })).toEqual([c!.job.id]);
    expect(await ids({ state: 'failed,queued', queue: 'q1' })).toEqual([c!.job.id, a!.job.id]);
    expect(await ids({ text: 'ORDER-77' })).toEqual([a!.job.id]);
    expect(await ids({ text: 'space left' })).toEqual([c!.job.id]);
    expect(await ids({ text: '100%' })).toEqual([b!.job.id]);
    expect(await ids({ text: '_100' })).toEqual([b!.job.id]);
    expect(await ids({ text: a!.job.id.slice(0, 18) })).toContain(a!.job.id);
    const created = a!.job.createdAt;
    expect(await ids({ jobType: 'list.filter', createdBefore: created })).toEqual([]);
    expect(await ids({ jobType: 'list.filter', createdAfter: created })).toEqual([b!.job.id, a!.job.id]);
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(fx.store.listJobs(tenant, list({ cursor: 'not-a-cursor' }))).rejects.toBeInstanceOf(InvalidCursorError);
    const forged = Buffer.from("x' OR 1=1 --").toString('base64url');
    await expect(fx.store.listJobs(tenant, list({ cursor: forged }))).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('prunes jobs finished before the cutoff with their attempts, and keeps the rest', async () => {
    const [old, recent, waiting] = await fx.store.enqueueBatch(tenant, [
      { jobType: 'list.prune' },
      { jobType: 'list.prune' },
      { jobType: 'list.prune' },
    ]);
    for (let i = 0; i < 2; i++) {
      const [claimed] = await fx.store.claim({ workerId: 'w', jobTypes: ['list.prune'], limit: 1, leaseSeconds: 30 });
      await fx.store.complete(claimed!, null);
    }
    await fx.db.pool.query(`UPDATE jobs SET finished_at = now() - interval '2 days' WHERE id = $1`, [old!.job.id]);
    const result = await fx.store.pruneFinished(new Date(Date.now() - 86_400_000), 1000);
    expect(result.deleted).toBe(1);
    expect(await fx.store.getJob(tenant, old!.job.id)).toBeNull();
    const attempts = await fx.db.pool.query('SELECT 1 FROM job_attempts WHERE job_id = $1', [old!.job.id]);
    expect(attempts.rowCount).toBe(0);
    expect((await fx.store.getJob(tenant, recent!.job.id))?.state).toBe('succeeded');
    expect((await fx.store.getJob(tenant, waiting!.job.id))?.state).toBe('queued');
  });
});
