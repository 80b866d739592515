import { JobArtifactList, JobLogPage, type AbortReason } from '@execops/contract';
import { AuthStore, WorkerFleet, WorkerRegistry } from '@execops/engine';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, waitForJobState } from '../../engine/test/support/wait.ts';
import { PermanentJobError, Worker, type WorkerOptions } from '../src/index.ts';
import { enqueue, getJson, startServerFixture, type ServerFixture } from './server-fixture.ts';

let fx: ServerFixture;
const workers: Worker[] = [];
const errors: { error: unknown; during: string }[] = [];
let typeCounter = 0;

beforeAll(async () => {
  fx = await startServerFixture();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  expect(errors.splice(0)).toEqual([]);
});
afterAll(async () => fx.close());

const uniqueType = (name: string) => `sdk.${name}.${++typeCounter}`;

/** A worker with a short lease (heartbeats every ~0.7 s) and a short long-poll, stopped after the test. */
function makeWorker(options: Partial<WorkerOptions> = {}): Worker {
  const worker = new Worker({
    url: fx.url,
    token: fx.token,
    concurrency: 2,
    leaseSeconds: 2,
    pollWaitMs: 1_000,
    shutdownGraceMs: 2_000,
    onError: (error, during) => errors.push({ error, during }),
    ...options,
  });
  workers.push(worker);
  return worker;
}

const state = (id: string, states: Parameters<typeof waitForJobState>[3]) => waitForJobState(fx.store, 'default', id, states);

describe('Worker SDK', () => {
  it('runs jobs to completion with their results and shows in the registry', async () => {
    const jobType = uniqueType('ok');
    const worker = makeWorker({ name: 'sdk-ok', labels: { zone: 'z1' } }).register<{ n: number }>(jobType, async ({ payload }) => ({ doubled: payload.n * 2 }));
    await worker.start();
    const ids = await Promise.all([1, 2, 3].map((n) => enqueue(fx, jobType, { payload: { n } })));
    const done = await Promise.all(ids.map((id) => state(id, 'succeeded')));
    expect(done.map((j) => j.result)).toEqual([{ doubled: 2 }, { doubled: 4 }, { doubled: 6 }]);
    expect(done.every((j) => j.attempts[0]?.worker === worker.workerId)).toBe(true);
    const row = (await new WorkerRegistry(fx.db.pool).list()).items.find((w) => w.id === worker.workerId);
    expect(row).toMatchObject({ name: 'sdk-ok', labels: { zone: 'z1' }, jobTypes: [jobType], concurrency: 2, processed: 3, failed: 0, state: 'active' });
    await worker.stop();
    expect((await new WorkerRegistry(fx.db.pool).list()).items.find((w) => w.id === worker.workerId)?.state).toBe('offline');
  });

  it('refuses to start with a token that lacks scope worker, or one that is unknown', async () => {
    const { secret } = await new AuthStore(fx.db.pool).createToken(
      { name: 'sdk-reader', scopes: ['jobs:read'], tenants: ['*'] },
      { tenant: 'default', operator: { actor: 'test', reason: 'sdk test' } },
    );
    const reader = new Worker({ url: fx.url, token: secret }).register(uniqueType('scope'), async () => undefined);
    await expect(reader.start()).rejects.toMatchObject({ status: 403, message: expect.stringContaining('lacks scope worker') });
    const unknown = new Worker({ url: fx.url, token: `eo_0000000000000bad_${'b'.repeat(43)}` }).register(uniqueType('scope'), async () => undefined);
    await expect(unknown.start()).rejects.toMatchObject({ status: 401 });
  });

  it('stops claiming when drained, finishes the job it runs, and claims again when resumed', async () => {
    const jobType = uniqueType('drain');
    const fleet = new WorkerFleet(fx.db.pool);
    const operator = { actor: 'tester', reason: 'sdk drain test' };
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const worker = makeWorker().register<{ hold?: boolean }>(jobType, async ({ payload }) => {
      if (payload.hold) await held;
      return 'ran';
    });
    await worker.start();
    try {
      const running = await enqueue(fx, jobType, { payload: { hold: true } });
      await state(running, 'running');
      await fleet.drain('default', worker.workerId ?? '', operator);
      await waitFor(() => worker.draining, { description: 'the worker to learn it is drained' });
      const waiting = await enqueue(fx, jobType);
      release();
      expect((await state(running, 'succeeded')).result).toBe('ran');
      // One more long-poll round with a free slot, and the job still waits.
      await waitFor(async () => (await fleet.registry.get(worker.workerId ?? '')).processed === 1, { description: 'the finished attempt counted' });
      const polled = Date.now();
      await waitFor(() => Date.now() - polled > 1_200, { description: 'a long-poll round' });
      expect((await fx.store.getJob('default', waiting))?.state).toBe('queued');

      await fleet.resume('default', worker.workerId ?? '', operator);
      expect((await state(waiting, 'succeeded')).result).toBe('ran');
      expect(worker.draining).toBe(false);
    } finally {
      release();
    }
  });

  it('retries a failing handler and then succeeds', async () => {
    const jobType = uniqueType('retry');
    await makeWorker()
      .register(jobType, async ({ job }) => {
        if (job.attempt === 1) throw new Error('flaky downstream');
        return { attempt: job.attempt };
      })
      .start();
    const id = await enqueue(fx, jobType);
    const job = await state(id, 'succeeded');
    expect(job.result).toEqual({ attempt: 2 });
    expect(job.attempts.map((a) => [a.outcome, a.error?.message ?? null])).toEqual([
      ['failed', 'flaky downstream'],
      ['succeeded', null],
    ]);
  });

  it('fails a job at once on PermanentJobError', async () => {
    const jobType = uniqueType('permanent');
    await makeWorker()
      .register(jobType, async () => {
        throw new PermanentJobError('payload names no target', 'bad_payload');
      })
      .start();
    const id = await enqueue(fx, jobType, { maxAttempts: 5 });
    const job = await state(id, 'failed');
    expect(job.attempt).toBe(1);
    expect(job.lastError).toMatchObject({ code: 'bad_payload', class: 'permanent', retryable: false });
  });

  it('writes logs and artifacts that the read endpoints serve', async () => {
    const jobType = uniqueType('logs');
    const digest = `sha256:${'0f'.repeat(32)}`;
    await makeWorker()
      .register(jobType, async ({ log, addArtifact, reportProgress }) => {
        for (let i = 0; i < 20; i++) log('info', `step ${i}`, { i });
        log('warn', 'almost done');
        reportProgress(90, 'uploading');
        const artifact = await addArtifact({ name: 'out.txt', uri: 'file:///tmp/out.txt', digest, size: 12, mime: 'text/plain' });
        return { artifact: artifact.name };
      })
      .start();
    const id = await enqueue(fx, jobType);
    await state(id, 'succeeded');
    const logs = JobLogPage.parse(await getJson(fx, `/jobs/${id}/logs`));
    expect(logs.items.map((l) => l.message)).toEqual([...Array.from({ length: 20 }, (_, i) => `step ${i}`), 'almost done']);
    expect(logs.items[3]).toMatchObject({ level: 'info', attempt: 1, fields: { i: 3 } });
    const artifacts = JobArtifactList.parse(await getJson(fx, `/jobs/${id}/artifacts`));
    expect(artifacts.items).toMatchObject([{ name: 'out.txt', digest, size: 12, mime: 'text/plain', attempt: 1 }]);
  });

  it('aborts the handler when an operator cancels the running job', async () => {
    const jobType = uniqueType('cancel');
    let abortReason: unknown;
    await makeWorker()
      .register(jobType, ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => {
        abortReason = signal.reason;
        reject(new Error('stopped'));
      })))
      .start();
    const id = await enqueue(fx, jobType);
    await state(id, 'running');
    const cancel = await fetch(`${fx.url}/api/v1/jobs/${id}/cancel`, { method: 'POST', headers: { 'x-operator-reason': 'not needed', authorization: `Bearer ${fx.token}` } });
    expect(cancel.status).toBe(200);
    const job = await state(id, 'canceled');
    expect(abortReason).toBe('canceled' satisfies AbortReason);
    expect(job.attempts[0]?.outcome).toBe('canceled');
  });

  it('lets an in-flight job finish on stop and leases nothing afterwards', async () => {
    const jobType = uniqueType('drain');
    let started = false;
    const worker = makeWorker().register(jobType, async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
      return 'drained';
    });
    await worker.start();
    const id = await enqueue(fx, jobType);
    await waitFor(() => started, { description: 'handler start' });
    expect(await worker.stop()).toEqual({ reason: 'stopped' });
    expect((await state(id, 'succeeded')).result).toBe('drained');
    const later = await enqueue(fx, jobType);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fx.store.getJob('default', later))?.state).toBe('queued');
    await fx.store.cancel('default', later, { actor: 'test', reason: 'cleanup' });
  });

  it('reports handlers still running after the grace period as worker_shutdown', async () => {
    const jobType = uniqueType('grace');
    let started = false;
    const worker = makeWorker({ shutdownGraceMs: 200 }).register(jobType, async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    });
    await worker.start();
    const id = await enqueue(fx, jobType);
    await waitFor(() => started, { description: 'handler start' });
    await worker.stop();
    const job = await fx.store.getJob('default', id);
    expect(job?.state).toBe('scheduled');
    expect(job?.lastError).toMatchObject({ code: 'worker_shutdown', retryable: true });
    await fx.store.cancel('default', id, { actor: 'test', reason: 'cleanup' });
  });

  it('aborts a handler whose lease was lost and records nothing for it', async () => {
    const jobType = uniqueType('lost');
    const reasons: unknown[] = [];
    await makeWorker()
      .register(jobType, async ({ job, signal }) => {
        if (job.attempt > 1) return 'second attempt';
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        reasons.push(signal.reason);
        return 'zombie result';
      })
      .start();
    const id = await enqueue(fx, jobType);
    await state(id, 'running');
    await fx.db.pool.query(`UPDATE jobs SET lease_until = now() - interval '1 second' WHERE id = $1`, [id]);
    await fx.store.rescueExpired(100);
    const job = await state(id, 'succeeded');
    await waitFor(() => reasons.length > 0, { description: 'the first handler to be aborted' });
    expect(reasons).toEqual(['lease_lost']);
    expect(job.result).toBe('second attempt');
    expect(job.attempts.map((a) => a.outcome)).toEqual(['lease_expired', 'succeeded']);
  });

  it('stops itself when the server stays unreachable for longer than a lease', async () => {
    const server = await startServerFixture(fx.db);
    const jobType = uniqueType('zombie');
    let abortReason: unknown;
    const worker = makeWorker({ url: server.url, leaseSeconds: 1, pollWaitMs: 200 }).register(jobType, async ({ signal }) => {
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      abortReason = signal.reason;
    });
    await worker.start();
    const id = await enqueue(fx, jobType);
    await state(id, 'running');
    await server.close();
    const cause = await worker.stopped;
    expect(cause.reason).toBe('lost_contact');
    expect(abortReason).toBe('lease_lost');
    // Calls failed while the server was gone; that is what this test is about.
    errors.splice(0);
    await fx.db.pool.query(`UPDATE jobs SET lease_until = now() - interval '1 second' WHERE id = $1`, [id]);
    await fx.store.rescueExpired(100);
    await fx.store.cancel('default', id, { actor: 'test', reason: 'cleanup' });
  });
});
