import { describe, expect, it } from 'vitest';
import { JobNotFoundError, JobStateConflictError } from '../../src/store/errors.ts';
import { databaseTargets } from '../support/databases.ts';
import { OPERATOR, TENANT, useStore } from './store-fixture.ts';

describe.each(databaseTargets())('cancel on $name PostgreSQL', (target) => {
  const fx = useStore(target);

  it('cancels a waiting job at once, with the reason in its event', async () => {
    const id = await fx.enqueue({ jobType: 'cancel.waiting' });
    const result = await fx.store.cancel(TENANT, id, { ...OPERATOR, reason: 'wrong input' });
    expect(result.outcome).toBe('canceled');
    expect(result.job).toMatchObject({ id, state: 'canceled' });
    expect(result.job.finishedAt).not.toBeNull();
    expect(await fx.store.claim({ workerId: 'w', jobTypes: ['cancel.waiting'], limit: 1, leaseSeconds: 30 })).toEqual([]);
    const { rows } = await fx.db.pool.query('SELECT type, data FROM events WHERE subject_id = $1 ORDER BY id', [id]);
    expect(rows.at(-1)).toEqual({ type: 'job.canceled', data: { reason: 'wrong input' } });
    const audit = await fx.db.pool.query('SELECT actor, action, target_id, reason, ticket, before, after FROM audit_log WHERE target_id = $1', [id]);
    expect(audit.rows).toEqual([
      {
        actor: 'test-operator',
        action: 'job.cancel',
        target_id: id,
        reason: 'wrong input',
        ticket: 'T-1',
        before: { state: 'queued' },
        after: { state: 'canceled', outcome: 'canceled' },
      },
    ]);
  });

  it('asks a running job to stop; the worker learns it on heartbeat and the job ends canceled', async () => {
    const id = await fx.enqueue({ jobType: 'cancel.running', maxAttempts: 5 });
    const claimed = await fx.claimOne('cancel.running');
    const result = await fx.store.cancel(TENANT, id, OPERATOR);
    expect(result.outcome).toBe('cancel_requested');
    expect(result.job.state).toBe('running');
    expect(result.job.cancelRequestedAt).not.toBeNull();
    expect((await fx.store.heartbeat({ ...claimed, leaseSeconds: 30 })).cancelRequested).toBe(true);
    // Even a retryable failure ends the job once a cancel was requested.
    const outcome = await fx.store.fail({
      ...claimed,
      error: { code: 'canceled', message: 'stopped', class: 'permanent', retryable: false },
      outcome: 'canceled',
    });
    expect(outcome).toEqual({ state: 'canceled' });
    const job = await fx.store.getJob(TENANT, id);
    expect(job?.state).toBe('canceled');
    expect(job?.attempts.map((a) => a.outcome)).toEqual(['canceled']);
  });

  it('refuses to cancel a finished job and leaves it, and the audit log, as they were', async () => {
    const id = await fx.enqueue({ jobType: 'cancel.finished' });
    await fx.store.complete(await fx.claimOne('cancel.finished'), 'ok');
    await expect(fx.store.cancel(TENANT, id, OPERATOR)).rejects.toBeInstanceOf(JobStateConflictError);
    expect((await fx.db.pool.query('SELECT 1 FROM audit_log WHERE target_id = $1', [id])).rowCount).toBe(0);
    expect((await fx.store.getJob(TENANT, id))?.state).toBe('succeeded');
  });

  it('does not see jobs of another tenant or unknown ids', async () => {
    const id = await fx.enqueue({ jobType: 'cancel.tenant' }, 'other');
    await expect(fx.store.cancel(TENANT, id, OPERATOR)).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(fx.store.cancel(TENANT, '0190a5c4-0000-7000-8000-000000000000', OPERATOR)).rejects.toBeInstanceOf(JobNotFoundError);
    expect(await fx.store.getJob(TENANT, id)).toBeNull();
    expect((await fx.store.getJob('other', id))?.state).toBe('queued');
  });
});
