import { describe, expect, it } from 'vitest';
import { queueHealth } from '../../src/health/queue-health.ts';
import { databaseTargets } from '../support/databases.ts';
import { useStore } from './store-fixture.ts';

describe.each(databaseTargets())('queue health on $name PostgreSQL', (target) => {
  const fx = useStore(target);
  const tenant = 'health';

  it('reports counts, throughput, failure rate, durations and active workers per queue', async () => {
    await fx.store.enqueueBatch(tenant, [
      ...Array.from({ length: 5 }, () => ({ jobType: 'health.a', queue: 'alpha' })),
      { jobType: 'health.b', queue: 'beta', runAt: new Date(Date.now() + 3_600_000).toISOString() },
    ]);
    const claim = async (limit: number) =>
      fx.store.claim({ workerId: 'health-worker', jobTypes: ['health.a'], limit, leaseSeconds: 30 });
    const [first, second, third] = await claim(3);
    await fx.store.complete(first!, null);
    await fx.store.complete(second!, null);
    await fx.store.fail({ ...third!, error: { code: 'x', message: 'x', class: 'permanent', retryable: false } });
    await claim(1); // stays running

    const report = await queueHealth(fx.db.pool, tenant);
    expect(report.windowMinutes).toBe(60);
    expect(report.queues.map((q) => q.queue)).toEqual(['alpha', 'beta']);
    const [alpha, beta] = report.queues;
    expect(alpha?.counts).toMatchObject({ succeeded: 2, failed: 1, running: 1, queued: 1, blocked: 0 });
    expect(alpha?.throughput).toHaveLength(60);
    expect(alpha?.throughput.reduce((sum, m) => sum + m.succeeded + m.failed, 0)).toBe(3);
    expect(alpha?.finishedLastHour).toBe(3);
    expect(alpha?.failureRate).toBeCloseTo(1 / 3);
    expect(alpha?.runMs.p50).toBeGreaterThanOrEqual(0);
    expect(alpha?.waitMs.p95).toBeGreaterThanOrEqual(0);
    expect(alpha?.oldestRunnableAgeMs).toBeGreaterThanOrEqual(0);
    expect(alpha?.activeWorkers).toBe(1);
    expect(beta).toMatchObject({ counts: { scheduled: 1 }, oldestRunnableAgeMs: null, failureRate: null, finishedLastHour: 0, activeWorkers: 0 });
    expect(beta?.runMs).toEqual({ p50: null, p95: null });
  });

  it('counts the distinct workers holding running jobs in each queue', async () => {
    const workers = 'health-workers';
    await fx.store.enqueueBatch(workers, [
      ...Array.from({ length: 6 }, () => ({ jobType: 'health.alpha', queue: 'alpha' })),
      ...Array.from({ length: 4 }, () => ({ jobType: 'health.gamma', queue: 'gamma' })),
    ]);
    const claim = (workerId: string, jobType: string, limit: number) => fx.store.claim({ workerId, jobTypes: [jobType], limit, leaseSeconds: 30 });
    await claim('worker-a', 'health.alpha', 2);
    const heldByB = await claim('worker-b', 'health.alpha', 2);
    await claim('worker-c', 'health.alpha', 1);
    await claim('worker-c', 'health.gamma', 2);
    await claim('worker-a', 'health.gamma', 1);
    const active = async () => Object.fromEntries((await queueHealth(fx.db.pool, workers)).queues.map((q) => [q.queue, q.activeWorkers]));
    expect(await active()).toEqual({ alpha: 3, gamma: 2 });
    for (const job of heldByB) await fx.store.complete(job, null);
    expect(await active()).toEqual({ alpha: 2, gamma: 2 });
  });

  it('is empty for a tenant without jobs', async () => {
    expect((await queueHealth(fx.db.pool, 'nobody')).queues).toEqual([]);
  });
});
