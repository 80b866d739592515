import type { EnqueueJobRequest, JobState } from '@execops/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/runtime/job-handler.ts';
import { PermanentJobError } from '../../src/runtime/job-handler.ts';
import { WorkerRuntime, type WorkerRuntimeOptions } from '../../src/runtime/worker-runtime.ts';
import type { ClaimedJob, ClaimRequest } from '../../src/store/engine-store.ts';
import { PgStore } from '../../src/store/pg-store.ts';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../support/databases.ts';
import { sleep, waitFor, waitForJobState } from '../support/wait.ts';

const TENANT = 'default';
const FINISHED: readonly JobState[] = ['succeeded', 'failed', 'canceled'];
const target = databaseTargets()[0]!;

/** The real store, counting claims so a test can tell when the runtime's claim loop has gone idle. */
class CountingStore extends PgStore {
  claimsStarted = 0;
  claimsFinished = 0;
  override async claim(request: ClaimRequest): Promise<ClaimedJob[]> {
    this.claimsStarted++;
    try {
      return await super.claim(request);
    } finally {
      this.claimsFinished++;
    }
  }
}

describe(`WorkerRuntime (${target.name} PostgreSQL)`, () => {
  let db: TestDatabase;
  let store: CountingStore;
  const runtimes: WorkerRuntime[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const errors: { error: unknown; during: string }[] = [];
  let typeCounter = 0;

  beforeAll(async () => {
    db = await createTestDatabase(target);
    store = new CountingStore({ pool: db.pool, retry: { baseSeconds: 0.05, capSeconds: 0.05 } });
  });

  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((r) => r.stop()));
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    // Claims, heartbeats, records and rescues all went through without the runtime reporting a failure.
    expect(errors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await db?.drop();
  });

  const uniqueType = (name: string) => `rt.${name}.${++typeCounter}`;

  /** A runtime stopped after the test; short grace and polling unless the test says otherwise. */
  function makeRuntime(options: Partial<WorkerRuntimeOptions> = {}): WorkerRuntime {
    const runtime = new WorkerRuntime({
      store,
      pollIntervalMs: 50,
      shutdownGraceMs: 500,
      onError: (error, during) => errors.push({ error, during }),
      ...options,
    });
    runtimes.push(runtime);
    return runtime;
  }

  /** Resolves after `ms` unless the test ends first; used by handlers that ignore their signal. */
  function hang(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  async function enqueue(job: EnqueueJobRequest): Promise<string> {
    const [result] = await store.enqueueBatch(TENANT, [job]);
    if (!result) throw new Error('enqueue returned nothing');
    return result.job.id;
  }

  const untilAborted = (signal: AbortSignal, fallbackMs = 10_000) =>
    Promise.race([new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })), hang(fallbackMs)]);

  it('runs a registered handler and stores its result', async () => {
    const type = uniqueType('basic');
    const runtime = makeRuntime().register(type, async ({ payload, job }) => ({ echoed: payload, attempt: job.attempt }));
    await runtime.start();

    const id = await enqueue({ jobType: type, payload: { n: 1 } });
    const job = await waitForJobState(store, TENANT, id, FINISHED);

    expect(job.state).toBe('succeeded');
    expect(job.result).toEqual({ echoed: { n: 1 }, attempt: 1 });
    expect(job.finishedAt).not.toBeNull();
    expect(job.attempts).toHaveLength(1);
    expect(job.attempts[0]).toMatchObject({ attempt: 1, outcome: 'succeeded', worker: runtime.workerId, error: null });
    expect(job.attempts[0]!.endedAt).not.toBeNull();
  });

  it('never runs more handlers at once than its concurrency', async () => {
    const type = uniqueType('concurrency');
    const results = await store.enqueueBatch(
      TENANT,
      Array.from({ length: 12 }, (_, i) => ({ jobType: type, payload: { i } })),
    );
    const ids = results.map((r) => r.job.id);
    let inFlight = 0;
    let maxInFlight = 0;
    const runtime = makeRuntime({ concurrency: 3 }).register(type, async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await sleep(100);
      } finally {
        inFlight--;
      }
      return null;
    });
    await runtime.start();

    const jobs = await waitFor(
      async () => {
        const all = await Promise.all(ids.map((id) => store.getJob(TENANT, id)));
        return all.every((j) => j && FINISHED.includes(j.state)) ? all : undefined;
      },
      { timeoutMs: 15_000, description: 'all 12 jobs to finish' },
    );

    expect(jobs.map((j) => j!.state)).toEqual(Array(12).fill('succeeded'));
    expect(maxInFlight).toBe(3);
  });

  it('retries a handler that threw and records the first error', async () => {
    const type = uniqueType('retry');
    const calls: number[] = [];
    const runtime = makeRuntime().register(type, async ({ job }) => {
      calls.push(job.attempt);
      if (job.attempt === 1) throw new Error('first attempt breaks');
      return { ok: true };
    });
    await runtime.start();

    const id = await enqueue({ jobType: type, maxAttempts: 3 });
    const job = await waitForJobState(store, TENANT, id, FINISHED);

    expect(job.state).toBe('succeeded');
    expect(calls).toEqual([1, 2]);
    expect(job.attempt).toBe(2);
    expect(job.result).toEqual({ ok: true });
    expect(job.attempts.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
    expect(job.attempts[0]!.error).toMatchObject({ code: 'handler_error', message: 'first attempt breaks', class: 'transient', retryable: true });
    expect(job.lastError).toMatchObject({ code: 'handler_error', message: 'first attempt breaks', class: 'transient', retryable: true });
  });

  it('fails at once on a PermanentJobError, whatever attempts remain', async () => {
    const type = uniqueType('permanent');
    let calls = 0;
    const runtime = makeRuntime().register(type, async () => {
      calls++;
      throw new PermanentJobError('this input can never work', 'bad_input');
    });
    await runtime.start();

    const id = await enqueue({ jobType: type, maxAttempts: 5 });
    const job = await waitForJobState(store, TENANT, id, FINISHED);

    expect(job.state).toBe('failed');
    expect(calls).toBe(1);
    expect(job.attempts).toHaveLength(1);
    expect(job.attempts[0]!.outcome).toBe('failed');
    expect(job.lastError).toMatchObject({ code: 'bad_input', message: 'this input can never work', class: 'permanent', retryable: false });
  });

  it('times out a handler that ignores its signal', async () => {
    const type = uniqueType('timeout');
    let signal: AbortSignal | undefined;
    const runtime = makeRuntime().register(type, async (context) => {
      signal = context.signal;
      await hang(5_000);
      return 'too late';
    });
    await runtime.start();

    const id = await enqueue({ jobType: type, timeoutSeconds: 1, maxAttempts: 1 });
    const job = await waitForJobState(store, TENANT, id, FINISHED, { timeoutMs: 4_000 });

    expect(job.state).toBe('failed');
    expect(job.result).toBeNull();
    expect(job.attempts).toHaveLength(1);
    expect(job.attempts[0]!.outcome).toBe('timed_out');
    expect(job.lastError).toMatchObject({ code: 'timeout', class: 'timeout' });
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBe('timeout');
  });

  it('stops a running job that an operator cancels', async () => {
    const type = uniqueType('cancel');
    let signal: AbortSignal | undefined;
    const runtime = makeRuntime({ leaseSeconds: 1.5 }).register(type, async (context) => {
      signal = context.signal;
      await untilAborted(context.signal);
      return 'finished anyway';
    });
    await runtime.start();

    const id = await enqueue({ jobType: type });
    await waitFor(() => signal, { description: 'the handler to start' });
    const canceled = await store.cancel(TENANT, id, { actor: 'test', reason: 'test says stop' });
    expect(canceled.outcome).toBe('cancel_requested');
    expect(canceled.job.state).toBe('running');

    const job = await waitForJobState(store, TENANT, id, FINISHED, { timeoutMs: 5_000 });
    expect(job.state).toBe('canceled');
    expect(job.result).toBeNull();
    expect(job.attempts).toHaveLength(1);
    expect(job.attempts[0]!.outcome).toBe('canceled');
    expect(job.lastError).toMatchObject({ code: 'canceled', retryable: false });
    expect(signal!.aborted).toBe(true);
    expect(signal!.reason).toBe('canceled');
  });

  it('rescues a job whose worker died and runs it again', async () => {
    const type = uniqueType('rescue');
    const id = await enqueue({ jobType: type });
    const [dead] = await store.claim({ workerId: 'dead', jobTypes: [type], limit: 1, leaseSeconds: 0.3 });
    expect(dead?.jobId).toBe(id);

    const runtime = makeRuntime({ rescueIntervalMs: 200 }).register(type, async ({ job }) => ({ attempt: job.attempt }));
    await runtime.start();
    const job = await waitForJobState(store, TENANT, id, FINISHED);

    expect(job.state).toBe('succeeded');
    expect(job.result).toEqual({ attempt: 2 });
    expect(job.attempts.map((a) => a.outcome)).toEqual(['lease_expired', 'succeeded']);
    expect(job.attempts.map((a) => a.worker)).toEqual(['dead', runtime.workerId]);
  });

  it('wakes on LISTEN/NOTIFY when an idle runtime has a connection string', async () => {
    const type = uniqueType('notify');
    let startedAt: number | undefined;
    const runtime = makeRuntime({ connectionString: db.connectionString, pollIntervalMs: 60_000 }).register(type, async () => {
      startedAt = Date.now();
      return null;
    });
    const claimsBefore = store.claimsFinished;
    await runtime.start();
    // The first claim runs at start; once it is back the loop sleeps for a whole poll interval.
    await waitFor(() => store.claimsFinished > claimsBefore, { description: 'the initial claim' });

    const enqueuedAt = Date.now();
    const id = await enqueue({ jobType: type });
    await waitFor(() => startedAt, { timeoutMs: 3_000, description: 'the notification to start the handler' });
    expect(startedAt! - enqueuedAt).toBeLessThan(3_000);
    expect((await waitForJobState(store, TENANT, id, FINISHED)).state).toBe('succeeded');
  });

  it('without a connection string only polls, so an idle runtime does not see a new job', async () => {
    const type = uniqueType('no-notify');
    let calls = 0;
    const runtime = makeRuntime({ pollIntervalMs: 60_000 }).register(type, async () => {
      calls++;
      return null;
    });
    const claimsBefore = store.claimsFinished;
    await runtime.start();
    await waitFor(() => store.claimsFinished > claimsBefore, { description: 'the initial claim' });

    const id = await enqueue({ jobType: type });
    await sleep(1_500);
    expect(calls).toBe(0);
    expect((await store.getJob(TENANT, id))?.state).toBe('queued');

    await runtime.stop();
    expect(calls).toBe(0);
    expect((await store.getJob(TENANT, id))?.state).toBe('queued');
  });

  it('records reported progress while the handler runs', async () => {
    const type = uniqueType('progress');
    let release: (() => void) | undefined;
    const runtime = makeRuntime().register(type, async ({ reportProgress }) => {
      reportProgress(40, 'halfway');
      await Promise.race([new Promise<void>((resolve) => (release = resolve)), hang(10_000)]);
      return 'done';
    });
    await runtime.start();

    const id = await enqueue({ jobType: type });
    const running = await waitFor(
      async () => {
        const job = await store.getJob(TENANT, id);
        return job?.progress ? job : undefined;
      },
      { timeoutMs: 5_000, description: 'progress to be recorded' },
    );
    expect(running.state).toBe('running');
    expect(running.progress).toEqual({ percent: 40, message: 'halfway' });

    release!();
    expect((await waitForJobState(store, TENANT, id, FINISHED)).state).toBe('succeeded');
  });

  it('lets an in-flight handler finish on stop and claims nothing afterwards', async () => {
    const type = uniqueType('graceful');
    const started: string[] = [];
    const runtime = makeRuntime({ connectionString: db.connectionString, shutdownGraceMs: 5_000 }).register(type, async ({ job }) => {
      started.push(job.jobId);
      await sleep(300);
      return 'finished';
    });
    await runtime.start();

    const first = await enqueue({ jobType: type });
    await waitFor(() => started.length > 0, { description: 'the handler to start' });
    await runtime.stop();

    const job = await store.getJob(TENANT, first);
    expect(job?.state).toBe('succeeded');
    expect(job?.result).toBe('finished');
    expect(runtime.activeCount).toBe(0);

    const second = await enqueue({ jobType: type });
    await sleep(500);
    expect((await store.getJob(TENANT, second))?.state).toBe('queued');
    expect(started).toEqual([first]);
  });

  it('aborts handlers still running when the shutdown grace runs out and schedules a retry', async () => {
    const type = uniqueType('shutdown');
    let signal: AbortSignal | undefined;
    const runtime = makeRuntime({ shutdownGraceMs: 200 }).register(type, async (context) => {
      signal = context.signal;
      await hang(10_000);
      return 'too late';
    });
    await runtime.start();

    const id = await enqueue({ jobType: type, maxAttempts: 3 });
    await waitFor(() => signal, { description: 'the handler to start' });
    await runtime.stop();

    const job = await store.getJob(TENANT, id);
    expect(job?.state).toBe('scheduled');
    expect(job?.lastError).toMatchObject({ code: 'worker_shutdown', retryable: true });
    expect(job?.attempts.map((a) => a.outcome)).toEqual(['failed']);
    expect(signal?.reason).toBe('shutdown');
    expect(runtime.activeCount).toBe(0);
  });

  it('refuses a second handler for the same job type', () => {
    const type = uniqueType('duplicate');
    const handler = async (_: JobContext) => null;
    const runtime = makeRuntime().register(type, handler);
    expect(() => runtime.register(type, handler)).toThrow(/already registered/);
    expect(runtime.jobTypes).toEqual([type]);
  });

  it('refuses a concurrency that is not a positive integer', () => {
    expect(() => new WorkerRuntime({ store, concurrency: 0 })).toThrow(RangeError);
    expect(() => new WorkerRuntime({ store, concurrency: -1 })).toThrow(RangeError);
    expect(() => new WorkerRuntime({ store, concurrency: 1.5 })).toThrow(RangeError);
  });
});
