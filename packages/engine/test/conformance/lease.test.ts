import { describe, expect, it } from 'vitest';
import { PgStore } from '../../src/store/pg-store.ts';
import { LeaseLostError } from '../../src/store/errors.ts';
import { CLAIM_STATEMENT } from '../../src/store/job-sql.ts';
import type { JobError } from '@execops/contract';
import { databaseTargets } from '../support/databases.ts';
import { INSTANT_RETRY, TENANT, useStore } from './store-fixture.ts';
import { createPool } from '../../src/db/pool.ts';

const transient: JobError = { code: 'boom', message: 'boom', class: 'transient', retryable: true };
const permanent: JobError = { code: 'bad', message: 'bad input', class: 'permanent', retryable: false };

describe.each(databaseTargets())('claim, lease and retries on $name PostgreSQL', (target) => {
  const fx = useStore(target);

  it('claims in priority, then run time, then creation order, up to the limit', async () => {
    const past = (s: number) => new Date(Date.now() - s * 1000).toISOString();
    const ids = await Promise.all([
      fx.enqueue({ jobType: 'lease.order', priority: 5 }),
      fx.enqueue({ jobType: 'lease.order', priority: -1, runAt: past(1) }),
      fx.enqueue({ jobType: 'lease.order', priority: -1, runAt: past(10) }),
      fx.enqueue({ jobType: 'lease.order', priority: 0 }),
    ]);
    const claimed = await fx.store.claim({ workerId: 'w1', jobTypes: ['lease.order'], limit: 3, leaseSeconds: 30 });
    expect(claimed.map((c) => c.jobId)).toEqual([ids[2], ids[1], ids[3]]);
    expect(claimed.every((c) => c.attempt === 1 && c.leaseUntil.getTime() > Date.now())).toBe(true);
    const rest = await fx.store.claim({ workerId: 'w1', jobTypes: ['lease.order'], limit: 3, leaseSeconds: 30 });
    expect(rest.map((c) => c.jobId)).toEqual([ids[0]]);
  });

  it('only claims the job types asked for', async () => {
    await fx.enqueue({ jobType: 'lease.mine' });
    await fx.enqueue({ jobType: 'lease.theirs' });
    const claimed = await fx.store.claim({ workerId: 'w', jobTypes: ['lease.mine'], limit: 10, leaseSeconds: 30 });
    expect(claimed.map((c) => c.jobType)).toEqual(['lease.mine']);
  });

  it('never hands one job to two concurrent claimers', async () => {
    const jobs = Array.from({ length: 200 }, (_, i) => ({ jobType: 'lease.race', payload: { i } }));
    await fx.store.enqueueBatch(TENANT, jobs);
    const claimer = async (workerId: string) => {
      const mine: string[] = [];
      for (;;) {
        const batch = await fx.store.claim({ workerId, jobTypes: ['lease.race'], limit: 7, leaseSeconds: 30 });
        if (batch.length === 0) return mine;
        mine.push(...batch.map((c) => c.jobId));
      }
    };
    const all = (await Promise.all(['a', 'b', 'c', 'd', 'e'].map(claimer))).flat();
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
  });

  it('records the attempt and a job.started event on claim', async () => {
    const id = await fx.enqueue({ jobType: 'lease.attempt' });
    const claimed = await fx.claimOne('lease.attempt');
    const job = await fx.store.getJob(TENANT, id);
    expect(job).toMatchObject({ state: 'running', attempt: 1, leaseOwner: 'test-worker' });
    expect(job?.attempts).toEqual([expect.objectContaining({ attempt: 1, leaseId: claimed.leaseId, worker: 'test-worker', outcome: null })]);
    expect(await fx.eventTypes(id)).toEqual(['job.enqueued', 'job.started']);
  });

  it('extends the lease and records progress on heartbeat', async () => {
    const id = await fx.enqueue({ jobType: 'lease.beat' });
    const claimed = await fx.claimOne('lease.beat', 5);
    const beat = await fx.store.heartbeat({ ...claimed, leaseSeconds: 60, progress: { percent: 25, message: 'a quarter' } });
    expect(beat.cancelRequested).toBe(false);
    expect(beat.leaseUntil.getTime()).toBeGreaterThan(claimed.leaseUntil.getTime() + 50_000);
    expect((await fx.store.getJob(TENANT, id))?.progress).toEqual({ percent: 25, message: 'a quarter' });
  });

  it('completes once: the result is stored and a second completion is refused', async () => {
    const id = await fx.enqueue({ jobType: 'lease.done' });
    const claimed = await fx.claimOne('lease.done');
    await fx.store.complete(claimed, { rows: 3 });
    await expect(fx.store.complete(claimed, { rows: 4 })).rejects.toBeInstanceOf(LeaseLostError);
    await expect(fx.store.heartbeat({ ...claimed, leaseSeconds: 30 })).rejects.toBeInstanceOf(LeaseLostError);
    const job = await fx.store.getJob(TENANT, id);
    expect(job).toMatchObject({ state: 'succeeded', result: { rows: 3 }, leaseOwner: null });
    expect(job?.finishedAt).not.toBeNull();
    expect(job?.attempts.map((a) => a.outcome)).toEqual(['succeeded']);
    expect(await fx.eventTypes(id)).toEqual(['job.enqueued', 'job.started', 'job.succeeded']);
  });

  it('refuses transitions with a lease that is not the current one', async () => {
    await fx.enqueue({ jobType: 'lease.fence' });
    const claimed = await fx.claimOne('lease.fence');
    const forged = { jobId: claimed.jobId, leaseId: '00000000-0000-7000-8000-000000000000' };
    await expect(fx.store.complete(forged, null)).rejects.toBeInstanceOf(LeaseLostError);
    await expect(fx.store.fail({ ...forged, error: transient })).rejects.toBeInstanceOf(LeaseLostError);
  });

  it('retries a retryable failure until attempts run out, then fails terminally', async () => {
    const id = await fx.enqueue({ jobType: 'lease.retry', maxAttempts: 2 });
    const first = await fx.claimOne('lease.retry');
    const outcome = await fx.store.fail({ ...first, error: transient });
    expect(outcome.state).toBe('scheduled');
    await new Promise((r) => setTimeout(r, 20));
    const second = await fx.claimOne('lease.retry');
    expect(second.attempt).toBe(2);
    expect(await fx.store.fail({ ...second, error: transient })).toEqual({ state: 'failed' });
    const job = await fx.store.getJob(TENANT, id);
    expect(job).toMatchObject({ state: 'failed', attempt: 2, lastError: transient });
    expect(job?.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed']);
    expect(await fx.eventTypes(id)).toEqual(['job.enqueued', 'job.started', 'job.retry_scheduled', 'job.started', 'job.failed']);
  });

  it('fails a non-retryable error at once', async () => {
    const id = await fx.enqueue({ jobType: 'lease.permanent', maxAttempts: 5 });
    const claimed = await fx.claimOne('lease.permanent');
    expect(await fx.store.fail({ ...claimed, error: permanent })).toEqual({ state: 'failed' });
    expect((await fx.store.getJob(TENANT, id))?.state).toBe('failed');
  });

  it('backs off exponentially with jitter, capped', async () => {
    const store = new PgStore({ pool: fx.db.pool, retry: { baseSeconds: 10, capSeconds: 30 } });
    const id = await fx.enqueue({ jobType: 'lease.backoff', maxAttempts: 10 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      await fx.db.pool.query('UPDATE jobs SET run_at = now() WHERE id = $1', [id]);
      const claimed = await fx.claimOne('lease.backoff');
      const outcome = await store.fail({ ...claimed, error: transient });
      if (outcome.state !== 'scheduled') throw new Error('expected a retry');
      delays.push((outcome.retryAt.getTime() - Date.now()) / 1000);
    }
    // base·2^(attempt−1) capped at 30 s, of which half is fixed and half random
    const expected = [10, 20, 30, 30];
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThan(expected[i]! / 2 - 1);
      expect(delay).toBeLessThanOrEqual(expected[i]!);
    });
  });

  it('rescues an expired lease: requeues it, fences the old holder, and fails it when attempts are spent', async () => {
    const id = await fx.enqueue({ jobType: 'lease.expire', maxAttempts: 2 });
    const first = await fx.claimOne('lease.expire', 0.05);
    await new Promise((r) => setTimeout(r, 100));
    const rescued = await fx.store.rescueExpired(100);
    expect(rescued.requeued).toBeGreaterThanOrEqual(1);
    expect((await fx.store.getJob(TENANT, id))?.state).toBe('queued');
    await expect(fx.store.complete(first, null)).rejects.toBeInstanceOf(LeaseLostError);

    await fx.claimOne('lease.expire', 0.05);
    await new Promise((r) => setTimeout(r, 100));
    expect((await fx.store.rescueExpired(100)).failed).toBeGreaterThanOrEqual(1);
    const job = await fx.store.getJob(TENANT, id);
    expect(job).toMatchObject({ state: 'failed', lastError: { code: 'lease_expired', class: 'lease_expired' } });
    expect(job?.attempts.map((a) => a.outcome)).toEqual(['lease_expired', 'lease_expired']);
  });

  it('leaves live leases alone when rescuing', async () => {
    const id = await fx.enqueue({ jobType: 'lease.live' });
    await fx.claimOne('lease.live', 30);
    await fx.store.rescueExpired(100);
    expect((await fx.store.getJob(TENANT, id))?.state).toBe('running');
  });
  it('commits a claim without waiting for its WAL flush, and only that transaction', async () => {
    await fx.enqueue({ jobType: 'lease.async' });
    const client = await fx.db.pool.connect();
    const setting = async () => (await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]?.synchronous_commit;
    try {
      const before = await setting();
      await client.query('BEGIN');
      const claimed = await client.query({ ...CLAIM_STATEMENT, values: ['w-async', ['lease.async'], 1, 30] });
      expect(claimed.rows).toHaveLength(1);
      expect(await setting()).toBe('off');
      await client.query('COMMIT');
      expect(before).not.toBe('off');
      expect(await setting()).toBe(before);
    } finally {
      client.release();
    }
  });
  it('keeps its prepared statements working when a later migration adds a column to jobs', async () => {
    // One connection, so every statement is prepared on it first and run on it again after the change.
    const pool = createPool({ connectionString: fx.db.connectionString, max: 1 });
    const store = new PgStore({ pool, retry: INSTANT_RETRY });
    const round = async () => {
      const enqueued = await store.enqueueBatch(TENANT, [1, 2, 3].map(() => ({ jobType: 'lease.schema' })));
      expect(enqueued.every((e) => e.created)).toBe(true);
      const claim = async () => (await store.claim({ workerId: 'w-schema', jobTypes: ['lease.schema'], limit: 1, leaseSeconds: 30 }))[0]!;
      const heartbeaten = await claim();
      expect((await store.heartbeat({ ...heartbeaten, leaseSeconds: 30 })).cancelRequested).toBe(false);
      await store.complete(heartbeaten, null);
      await store.complete(await claim(), null);
      expect(await store.fail({ ...(await claim()), error: permanent })).toEqual({ state: 'failed' });
    };
    try {
      await round();
      await fx.db.pool.query('ALTER TABLE jobs ADD COLUMN added_later integer');
      try {
        await round();
      } finally {
        await fx.db.pool.query('ALTER TABLE jobs DROP COLUMN added_later');
      }
    } finally {
      await pool.end();
    }
  });
});
