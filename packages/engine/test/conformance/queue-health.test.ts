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

  it('is empty for a tenant without jobs', async () => {
    expect((await queueHealth(fx.db.pool, 'nobody')).queues).toEqual([]);
  });
});
