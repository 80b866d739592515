import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/databases.ts';
import { TENANT, useStore } from './store-fixture.ts';

describe.each(databaseTargets())('batched completion on $name PostgreSQL', (target) => {
  const fx = useStore(target);

  it('completes every held lease in one call and reports the ones no longer held', async () => {
    const ids = (await fx.store.enqueueBatch(TENANT, [1, 2, 3].map((n) => ({ jobType: 'batch.done', payload: { n } })))).map((r) => r.job.id);
    const claimed = await fx.store.claim({ workerId: 'w', jobTypes: ['batch.done'], limit: 3, leaseSeconds: 30 });
    const stale = { jobId: claimed[2]!.jobId, leaseId: '00000000-0000-7000-8000-000000000000' };
    const lost = await fx.store.completeBatch([
      { ...claimed[0]!, result: { n: 1 } },
      { ...claimed[1]!, result: null },
      { ...stale, result: 'never' },
    ]);
    expect(lost).toEqual([stale]);
    const jobs = await Promise.all(ids.map((id) => fx.store.getJob(TENANT, id)));
    expect(jobs.map((j) => j?.state)).toEqual(['succeeded', 'succeeded', 'running']);
    expect(jobs[0]?.result).toEqual({ n: 1 });
    expect(jobs[0]?.attempts.map((a) => a.outcome)).toEqual(['succeeded']);
    expect(await fx.eventTypes(ids[1]!)).toEqual(['job.enqueued', 'job.started', 'job.succeeded']);
  });
});
