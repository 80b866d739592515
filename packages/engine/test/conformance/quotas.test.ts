import { describe, expect, it } from 'vitest';
import { createPool } from '../../src/db/pool.ts';
import { QuotaAdmin, QuotaExistsError, QuotaNotFoundError } from '../../src/quotas/quota-admin.ts';
import { PgStore } from '../../src/store/pg-store.ts';
import { databaseTargets } from '../support/databases.ts';
import { OPERATOR, useStore } from './store-fixture.ts';

const limits = { maxActive: null, maxPerHour: null, burst: null, refillPerSecond: null, paused: false };

describe.each(databaseTargets())('quotas on $name PostgreSQL', (target) => {
  const fx = useStore(target);
  const admin = () => new QuotaAdmin(fx.db.pool);
  const claim = (jobType: string, limit = 100) =>
    fx.store.claim({ workerId: 'q', jobTypes: [jobType], limit, leaseSeconds: 30 });

  it('never runs more than maxActive under concurrent claimers, and every job finishes', async () => {
    const tenant = 'qa-active';
    await admin().create(tenant, { ...limits, jobType: 'quota.active', maxActive: 3 }, OPERATOR);
    await fx.store.enqueueBatch(tenant, Array.from({ length: 40 }, () => ({ jobType: 'quota.active' })));
    const running = async () =>
      (await fx.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE job_type = 'quota.active' AND state = 'running'`)).rows[0]!.n;
    let peak = 0;
    let done = 0;
    const claimers = Array.from({ length: 8 }, async (_, i) => {
      const pool = createPool({ connectionString: fx.db.connectionString, max: 2 });
      const store = new PgStore({ pool });
      try {
        while (done < 40) {
          const jobs = await store.claim({ workerId: `c${i}`, jobTypes: ['quota.active'], limit: 5, leaseSeconds: 30 });
          peak = Math.max(peak, await running());
          await new Promise((r) => setTimeout(r, Math.random() * 15));
          for (const job of jobs) {
            await store.complete(job, null);
            done++;
          }
          if (jobs.length === 0) {
            // Fast-forwards the throttled jobs no claimer or completion holds right now: a plain bulk UPDATE waited on
            // their row locks and was chosen as a deadlock victim once in CI.
            await fx.db.pool.query(
              `UPDATE jobs SET run_at = now() WHERE id IN (
                 SELECT id FROM jobs WHERE job_type = 'quota.active' AND state = 'throttled' ORDER BY id FOR UPDATE SKIP LOCKED)`,
            );
            await new Promise((r) => setTimeout(r, 5));
          }
        }
      } finally {
        await pool.end();
      }
    });
    await Promise.all(claimers);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(0);
    const { rows } = await fx.db.pool.query(`SELECT count(*)::int AS n FROM jobs WHERE job_type = 'quota.active' AND state = 'succeeded'`);
    expect(rows[0].n).toBe(40);
  });

  it('throttles what it denies with a notBefore, and frees a slot when a lease expires', async () => {
    const tenant = 'default';
    await admin().create(tenant, { ...limits, jobType: 'quota.expire', maxActive: 1 }, OPERATOR);
    await fx.store.enqueueBatch(tenant, [{ jobType: 'quota.expire' }, { jobType: 'quota.expire' }]);
    const [first] = await fx.store.claim({ workerId: 'q', jobTypes: ['quota.expire'], limit: 10, leaseSeconds: 0.05 });
    expect(first).toBeDefined();
    const { rows } = await fx.db.pool.query(`SELECT state, run_at > now() AS later FROM jobs WHERE job_type = 'quota.expire' AND state <> 'running'`);
    expect(rows).toEqual([{ state: 'throttled', later: true }]);
    await new Promise((r) => setTimeout(r, 100));
    await fx.store.rescueExpired(10);
    await fx.db.pool.query(`UPDATE jobs SET run_at = now() WHERE job_type = 'quota.expire'`);
    expect(await claim('quota.expire')).toHaveLength(1);
  });

  it('gives a freed maxActive slot to the next throttled job at once, with its event', async () => {
    const tenant = 'qa-release';
    await admin().create(tenant, { ...limits, jobType: 'quota.release', maxActive: 1 }, OPERATOR);
    const jobs = await fx.store.enqueueBatch(tenant, [0, 1, 2].map((i) => ({ jobType: 'quota.release', priority: i })));
    const [first] = await claim('quota.release');
    expect(first?.jobId).toBe(jobs[0]?.job.id);
    const waiting = async () =>
      (await fx.db.pool.query<{ id: string; state: string; later: boolean }>(
        `SELECT id, state, run_at > now() AS later FROM jobs WHERE tenant = $1 AND state <> 'running' AND state <> 'succeeded' ORDER BY priority`,
        [tenant],
      )).rows;
    expect(await waiting()).toEqual([
      { id: jobs[1]?.job.id, state: 'throttled', later: true },
      { id: jobs[2]?.job.id, state: 'throttled', later: true },
    ]);

    await fx.store.complete(first!, null);
    expect(await waiting()).toEqual([
      { id: jobs[1]?.job.id, state: 'queued', later: false },
      { id: jobs[2]?.job.id, state: 'throttled', later: true },
    ]);
    const { rows: events } = await fx.db.pool.query(`SELECT subject_id, data FROM events WHERE tenant = $1 AND type = 'job.unthrottled'`, [tenant]);
    expect(events).toEqual([{ subject_id: jobs[1]?.job.id, data: { reason: 'a quota slot freed', quota: 'quota.release' } }]);
    expect((await claim('quota.release')).map((j) => j.jobId)).toEqual([jobs[1]?.job.id]);
  });

  it('releases across types for a tenant-wide "*" slot, and not for quotas without maxActive', async () => {
    await admin().create('qa-star-release', { ...limits, jobType: '*', maxActive: 1 }, OPERATOR);
    const [x, y] = await fx.store.enqueueBatch('qa-star-release', [{ jobType: 'quota.sx' }, { jobType: 'quota.sy' }]);
    const [running] = await fx.store.claim({ workerId: 'q', jobTypes: ['quota.sx', 'quota.sy'], limit: 10, leaseSeconds: 30 });
    expect(running?.jobId).toBe(x?.job.id);
    await fx.store.complete(running!, null);
    const { rows } = await fx.db.pool.query(`SELECT state FROM jobs WHERE id = $1`, [y?.job.id]);
    expect(rows).toEqual([{ state: 'queued' }]);

    await admin().create('qa-hour-release', { ...limits, jobType: 'quota.hr', maxPerHour: 1 }, OPERATOR);
    await fx.store.enqueueBatch('qa-hour-release', [{ jobType: 'quota.hr' }, { jobType: 'quota.hr' }]);
    const [hourly] = await claim('quota.hr');
    await fx.store.complete(hourly!, null);
    const { rows: hour } = await fx.db.pool.query(`SELECT state FROM jobs WHERE tenant = 'qa-hour-release' AND state <> 'succeeded'`);
    expect(hour).toEqual([{ state: 'throttled' }]);
  });

  it('admits a token bucket burst, then refills; a paused quota admits nothing', async () => {
    const tenant = 'default';
    await admin().create(tenant, { ...limits, jobType: 'quota.bucket', burst: 5, refillPerSecond: 0.001 }, OPERATOR);
    await fx.store.enqueueBatch(tenant, Array.from({ length: 8 }, () => ({ jobType: 'quota.bucket' })));
    expect(await claim('quota.bucket')).toHaveLength(5);
    await fx.db.pool.query(`UPDATE jobs SET run_at = now() WHERE job_type = 'quota.bucket' AND state = 'throttled'`);
    expect(await claim('quota.bucket')).toHaveLength(0);
    const quota = (await admin().list(tenant)).find((q) => q.jobType === 'quota.bucket');
    expect(quota?.usage).toMatchObject({ throttled: 3 });
    expect(quota?.usage.tokens).toBeLessThan(1);

    await admin().setPaused(tenant, 'quota.bucket', true, OPERATOR);
    await admin().update(tenant, 'quota.bucket', { maxActive: null, maxPerHour: null, burst: 10, refillPerSecond: 1 }, OPERATOR);
    await fx.db.pool.query(`UPDATE jobs SET run_at = now() WHERE job_type = 'quota.bucket' AND state = 'throttled'`);
    expect(await claim('quota.bucket')).toHaveLength(0);
    await admin().setPaused(tenant, 'quota.bucket', false, OPERATOR);
    await fx.db.pool.query(`UPDATE jobs SET run_at = now() WHERE job_type = 'quota.bucket' AND state = 'throttled'`);
    expect(await claim('quota.bucket')).toHaveLength(3);
  });

  it('counts maxPerHour in a window and applies a tenant-wide "*" quota to every type', async () => {
    await admin().create('hourly', { ...limits, jobType: 'quota.hour', maxPerHour: 4 }, OPERATOR);
    await fx.store.enqueueBatch('hourly', Array.from({ length: 6 }, () => ({ jobType: 'quota.hour' })));
    expect(await claim('quota.hour')).toHaveLength(4);
    const { rows } = await fx.db.pool.query(
      `SELECT run_at > now() + interval '50 minutes' AS next_hour FROM jobs WHERE job_type = 'quota.hour' AND state = 'throttled'`,
    );
    expect(rows).toEqual([{ next_hour: true }, { next_hour: true }]);

    await admin().create('starred', { ...limits, jobType: '*', maxActive: 2 }, OPERATOR);
    await fx.store.enqueueBatch('starred', [{ jobType: 'quota.x' }, { jobType: 'quota.y' }, { jobType: 'quota.x' }]);
    const claimed = await fx.store.claim({ workerId: 'q', jobTypes: ['quota.x', 'quota.y'], limit: 10, leaseSeconds: 30 });
    expect(claimed.filter((c) => c.tenant === 'starred')).toHaveLength(2);
  });

  it('audits changes and refuses duplicates and unknown quotas', async () => {
    await admin().create('audited', { ...limits, jobType: 'quota.audit', maxActive: 1 }, OPERATOR);
    await expect(admin().create('audited', { ...limits, jobType: 'quota.audit' }, OPERATOR)).rejects.toBeInstanceOf(QuotaExistsError);
    await expect(admin().update('audited', 'quota.none', { ...limits }, OPERATOR)).rejects.toBeInstanceOf(QuotaNotFoundError);
    await admin().delete('audited', 'quota.audit', OPERATOR);
    await expect(admin().delete('audited', 'quota.audit', OPERATOR)).rejects.toBeInstanceOf(QuotaNotFoundError);
    const { rows } = await fx.db.pool.query(`SELECT action, before, after FROM audit_log WHERE tenant = 'audited' ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual(['quota.create', 'quota.delete']);
    expect(rows[0].after).toMatchObject({ maxActive: 1 });
  });
});
