import { describe, expect, it } from 'vitest';
import { JobOperations } from '../../src/operations/job-operations.ts';
import { JobNotFoundError, JobStateConflictError, TooManyJobsError } from '../../src/store/errors.ts';
import { databaseTargets } from '../support/databases.ts';
import { OPERATOR, TENANT, useStore } from './store-fixture.ts';

describe.each(databaseTargets())('operator actions on $name PostgreSQL', (target) => {
  const fx = useStore(target);
  const ops = () => new JobOperations(fx.db.pool);
  const audit = async (jobId: string) =>
    (await fx.db.pool.query('SELECT action, reason, before, after FROM audit_log WHERE target_id = $1 ORDER BY id', [jobId])).rows;

  it('replays a finished job as a new, earlier job that remembers the original', async () => {
    const id = await fx.enqueue({ jobType: 'ops.replay', payload: { n: 1 }, priority: 5, correlationId: 'c-1', tags: ['t'] });
    await fx.store.fail({ ...(await fx.claimOne('ops.replay')), error: { code: 'x', message: 'x', class: 'permanent', retryable: false } });
    const { job, replayOf } = await ops().replay(TENANT, id, OPERATOR);
    expect(replayOf).toBe(id);
    expect(job).toMatchObject({ state: 'queued', replayOf: id, priority: -95, correlationId: 'c-1', tags: ['t'], attempt: 0 });
    expect((await fx.store.getJob(TENANT, job.id))?.payload).toEqual({ n: 1 });
    expect((await ops().replay(TENANT, id, OPERATOR, { priority: 7 })).job.priority).toBe(7);
    expect(await audit(id)).toMatchObject([
      { action: 'job.replay', before: { state: 'failed' }, after: { replayJobId: job.id } },
      { action: 'job.replay' },
    ]);
  });

  it('refuses to replay an unfinished job and writes nothing', async () => {
    const id = await fx.enqueue({ jobType: 'ops.replay-early' });
    await expect(ops().replay(TENANT, id, OPERATOR)).rejects.toBeInstanceOf(JobStateConflictError);
    await expect(ops().replay('other', id, OPERATOR)).rejects.toBeInstanceOf(JobNotFoundError);
    const { rows } = await fx.db.pool.query('SELECT 1 FROM jobs WHERE replay_of = $1', [id]);
    expect(rows).toHaveLength(0);
    expect(await audit(id)).toEqual([]);
  });

  it('changes the priority of a waiting job only, and the claim order follows', async () => {
    const [a, b] = await Promise.all([fx.enqueue({ jobType: 'ops.prio' }), fx.enqueue({ jobType: 'ops.prio' })]);
    const changed = await ops().changePriority(TENANT, b!, -10, OPERATOR);
    expect(changed).toMatchObject({ previousPriority: 0, job: { priority: -10 } });
    expect((await fx.claimOne('ops.prio')).jobId).toBe(b);
    await expect(ops().changePriority(TENANT, b!, 3, OPERATOR)).rejects.toBeInstanceOf(JobStateConflictError);
    expect(await audit(b!)).toMatchObject([{ action: 'job.priority', before: { priority: 0 }, after: { priority: -10 } }]);
    expect(a).toBeDefined();
  });

  it('bulk-cancels by ids, reporting what it could not do', async () => {
    const [queued, running, done] = await Promise.all(['ops.bulk-a', 'ops.bulk-b', 'ops.bulk-c'].map((t) => fx.enqueue({ jobType: t })));
    await fx.claimOne('ops.bulk-b');
    await fx.store.complete(await fx.claimOne('ops.bulk-c'), null);
    const missing = '0190a5c4-0000-7000-8000-000000000000';
    const selection = { ids: [queued!, running!, done!, missing] };
    expect(await ops().bulkCancel(TENANT, selection, { dryRun: true })).toEqual({ dryRun: true, selected: 3, matched: 2, affected: 0, results: [] });
    const result = await ops().bulkCancel(TENANT, selection, { dryRun: false, operator: OPERATOR });
    expect(result).toMatchObject({ dryRun: false, selected: 3, matched: 2, affected: 2 });
    expect(result.results).toEqual([
      { id: queued, outcome: 'canceled', state: 'canceled' },
      { id: running, outcome: 'cancel_requested', state: 'running' },
      { id: done, outcome: 'not_applicable', state: 'succeeded' },
      { id: missing, outcome: 'not_found', state: null },
    ]);
    expect(await audit(queued!)).toMatchObject([{ action: 'job.cancel', after: { bulk: true } }]);
    expect(await audit(done!)).toEqual([]);
  });

  it('bulk-acts by filter: a dry run counts and changes nothing, the real run changes exactly those', async () => {
    await fx.store.enqueueBatch(TENANT, Array.from({ length: 6 }, (_, i) => ({ jobType: 'ops.filter', queue: i < 4 ? 'fq' : 'other' })));
    const selection = { filter: { jobType: 'ops.filter', queue: 'fq' } };
    const dry = await ops().bulkPriority(TENANT, selection, 9, { dryRun: true });
    expect(dry).toEqual({ dryRun: true, selected: 4, matched: 4, affected: 0, results: [] });
    const { rows: before } = await fx.db.pool.query('SELECT count(*)::int AS n FROM jobs WHERE job_type = $1 AND priority = 9', ['ops.filter']);
    expect(before[0].n).toBe(0);
    const real = await ops().bulkPriority(TENANT, selection, 9, { dryRun: false, operator: OPERATOR });
    expect(real).toMatchObject({ matched: 4, affected: 4 });
    const { rows } = await fx.db.pool.query('SELECT queue, priority FROM jobs WHERE job_type = $1 ORDER BY queue', ['ops.filter']);
    expect(rows.filter((r) => r.queue === 'fq').every((r) => r.priority === 9)).toBe(true);
    expect(rows.filter((r) => r.queue === 'other').every((r) => r.priority === 0)).toBe(true);
  });

  it('bulk-replays failed jobs by filter, one new job each', async () => {
    const ids = (await fx.store.enqueueBatch(TENANT, [1, 2, 3].map(() => ({ jobType: 'ops.rebulk', maxAttempts: 1 })))).map((r) => r.job.id);
    for (let i = 0; i < 3; i++) await fx.store.fail({ ...(await fx.claimOne('ops.rebulk')), error: { code: 'e', message: 'e', class: 'transient', retryable: true } });
    await fx.enqueue({ jobType: 'ops.rebulk' });
    const byType = { filter: { jobType: 'ops.rebulk' } };
    expect(await ops().bulkReplay(TENANT, byType, { dryRun: true })).toMatchObject({ selected: 4, matched: 3 });
    const result = await ops().bulkReplay(TENANT, { filter: { jobType: 'ops.rebulk', state: ['failed'] } }, { dryRun: false, operator: OPERATOR });
    expect(result).toMatchObject({ selected: 3, affected: 3 });
    expect(result.results.map((r) => r.outcome)).toEqual(['replayed', 'replayed', 'replayed']);
    const { rows } = await fx.db.pool.query('SELECT replay_of FROM jobs WHERE replay_of = ANY($1::uuid[])', [ids]);
    expect(rows).toHaveLength(3);
  });

  it('refuses a filter matching more than the bulk limit, changing nothing', async () => {
    await fx.store.enqueueBatch(TENANT, Array.from({ length: 1000 }, () => ({ jobType: 'ops.huge' })));
    for (let i = 0; i < 5; i++) await fx.store.enqueueBatch(TENANT, Array.from({ length: 1000 }, () => ({ jobType: 'ops.huge' })));
    await expect(ops().bulkCancel(TENANT, { filter: { jobType: 'ops.huge' } }, { dryRun: false, operator: OPERATOR })).rejects.toBeInstanceOf(TooManyJobsError);
    expect((await ops().bulkCancel(TENANT, { filter: { jobType: 'ops.huge' } }, { dryRun: true })).matched).toBe(6000);
    const { rows } = await fx.db.pool.query(`SELECT count(*)::int AS n FROM jobs WHERE job_type = 'ops.huge' AND state = 'canceled'`);
    expect(rows[0].n).toBe(0);
  });
});
