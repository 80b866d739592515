import { describe, expect, it } from 'vitest';
import { queueHealth } from '../../src/health/queue-health.ts';
import { QueuePauses, QueueStateConflictError } from '../../src/queues/queue-pauses.ts';
import { databaseTargets } from '../support/databases.ts';
import { OPERATOR, TENANT, useStore } from './store-fixture.ts';

describe.each(databaseTargets())('queue pause on $name PostgreSQL', (target) => {
  const fx = useStore(target);
  const pauses = () => new QueuePauses(fx.db.pool);
  const claimAll = async (jobType: string) =>
    (await fx.store.claim({ workerId: 'w', jobTypes: [jobType], limit: 100, leaseSeconds: 30 })).map((c) => c.queue);

  it('keeps a paused queue’s jobs unclaimed, other queues and tenants untouched, until resumed', async () => {
    await fx.store.enqueueBatch(TENANT, [
      { jobType: 'pause.t', queue: 'held', priority: -5 },
      { jobType: 'pause.t', queue: 'held', priority: -5 },
      { jobType: 'pause.t', queue: 'free' },
    ]);
    await fx.store.enqueueBatch('other', [{ jobType: 'pause.t', queue: 'held' }]);
    const paused = await pauses().pause(TENANT, 'held', OPERATOR);
    expect(paused).toMatchObject({ queue: 'held', paused: true, pausedBy: OPERATOR.actor, pausedReason: OPERATOR.reason });
    expect((await claimAll('pause.t')).sort()).toEqual(['free', 'held']); // the other tenant's "held" is not paused

    const health = await queueHealth(fx.db.pool, TENANT);
    expect(health.queues.find((q) => q.queue === 'held')).toMatchObject({ paused: true, pausedReason: OPERATOR.reason, counts: { queued: 2 } });

    await pauses().resume(TENANT, 'held', OPERATOR);
    expect(await claimAll('pause.t')).toEqual(['held', 'held']);
  });

  it('refuses to pause twice or resume a running queue, and audits what it did', async () => {
    await pauses().pause(TENANT, 'twice', OPERATOR);
    await expect(pauses().pause(TENANT, 'twice', OPERATOR)).rejects.toBeInstanceOf(QueueStateConflictError);
    await pauses().resume(TENANT, 'twice', OPERATOR);
    await expect(pauses().resume(TENANT, 'twice', OPERATOR)).rejects.toBeInstanceOf(QueueStateConflictError);
    const { rows } = await fx.db.pool.query(`SELECT action FROM audit_log WHERE target_type = 'queue' AND target_id = 'twice' ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual(['queue.pause', 'queue.resume']);
  });

  it('wakes listeners when a queue resumes', async () => {
    await pauses().pause(TENANT, 'wake', OPERATOR);
    const client = await fx.db.pool.connect();
    try {
      await client.query('LISTEN execops_jobs');
      const heard = new Promise<string>((resolve) => client.once('notification', (n) => resolve(n.payload ?? '')));
      await pauses().resume(TENANT, 'wake', OPERATOR);
      expect(await heard).toBe('wake');
    } finally {
      await client.query('UNLISTEN *');
      client.release();
    }
  });

  it('lists a paused queue without jobs in the health report', async () => {
    await pauses().pause('empty-tenant', 'idle', OPERATOR);
    const health = await queueHealth(fx.db.pool, 'empty-tenant');
    expect(health.queues).toMatchObject([{ queue: 'idle', paused: true, finishedLastHour: 0, counts: { queued: 0 } }]);
  });
});
