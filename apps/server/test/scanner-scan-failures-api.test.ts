import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ReplayJobResponse, SCAN_JOB_TYPES } from '@execops/contract';
import { DagResolver, PgStore, WorkerRuntime, type JobHandler } from '@execops/engine';
import { BUILTIN_ANALYZERS, ensureDemoFeed, registerScanJobs, writeTarGz } from '@execops/scanner';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../packages/engine/test/support/wait.ts';
import { readScan, readTimeline, startPathScan } from './scan-requests.ts';
import { createAppFixture, PAYLOAD_LIMIT, type AppFixture } from './app-fixture.ts';

const LOCKFILE = JSON.stringify({
  name: 'shop',
  lockfileVersion: 3,
  packages: { '': { name: 'shop', dependencies: { lodash: '4.17.11' } }, 'node_modules/lodash': { version: '4.17.11' } },
});
const OPERATOR = { 'x-operator-reason': 'scan failure test' };

/**
 * A scan's step that fails for good however it fails (a timeout, a lease the rescuer fails) ends the scan failed
 * with its event; an operator's replay of the step resumes the scan, which then finishes.
 */
describe('scan step failures and replays', () => {
  let fx: AppFixture;
  let store: PgStore;
  let project: string;
  let resolver: DagResolver;
  let running: WorkerRuntime[] = [];

  beforeAll(async () => {
    fx = await createAppFixture();
    await ensureDemoFeed(fx.db.pool);
    store = new PgStore({ pool: fx.db.pool, payloadLimitBytes: PAYLOAD_LIMIT });
    project = await mkdtemp(path.join(os.tmpdir(), 'execops-scan-failures-'));
    await writeFile(path.join(project, 'package-lock.json'), LOCKFILE);
    resolver = new DagResolver({ pool: fx.db.pool, connectionString: fx.db.connectionString, intervalMs: 100 });
    await resolver.start();
  });

  afterEach(async () => {
    for (const runtime of running) await runtime.stop();
    running = [];
  });

  afterAll(async () => {
    await resolver?.stop();
    await fx?.close();
  });

  /** A runtime running the scan's steps, with `replaced` standing in for some of them (null: not run at all). */
  const startRuntime = async (replaced: Record<string, JobHandler | null> = {}) => {
    const runtime = new WorkerRuntime({ store, connectionString: fx.db.connectionString, concurrency: 4, pollIntervalMs: 100 });
    registerScanJobs(
      {
        register: (jobType, handler) => {
          const stand = replaced[jobType];
          if (stand !== null) runtime.register(jobType, stand ?? handler);
        },
      },
      { pool: fx.db.pool, insert: store.insert, analyzers: BUILTIN_ANALYZERS, toolVersion: 'test' },
    );
    running.push(runtime);
    await runtime.start();
    return runtime;
  };
  const stopRuntimes = async () => {
    for (const runtime of running) await runtime.stop();
    running = [];
  };

  const start = (target = project) => startPathScan(fx, target);
  const getScan = (scanId: string) => readScan(fx, scanId);
  const timeline = (scanId: string) => readTimeline(fx, scanId);
  /** The state written on the scan's row, not the one derived from its jobs on read. */
  const storedState = async (scanId: string) =>
    (await fx.db.pool.query<{ state: string; error: string | null }>('SELECT state, error FROM scans WHERE id = $1', [scanId])).rows[0];
  const lastEvent = async (scanId: string) => (await timeline(scanId)).at(-1);
  const untilEvent = (scanId: string, type: string) =>
    waitFor(async () => ((await lastEvent(scanId))?.type === type ? lastEvent(scanId) : null), { timeoutMs: 20_000, description: `the scan's ${type}` });
  const jobState = async (jobId: string) => (await fx.db.pool.query<{ state: string }>('SELECT state FROM jobs WHERE id = $1', [jobId])).rows[0]?.state;

  it('a step that times out on its last attempt fails the scan with scan.failed; its replay with downstream resumes the scan to the end', async () => {
    // The report step never answers (it ignores its signal, as a stuck handler would): the runtime times it out.
    await startRuntime({ [SCAN_JOB_TYPES.report]: () => new Promise(() => undefined) });
    const started = await start();
    const scanId = started.scan.id;
    const reportJob = started.jobIds.report as string;
    await fx.db.pool.query('UPDATE jobs SET timeout_seconds = 1, max_attempts = 1 WHERE id = $1', [reportJob]);

    const failed = await untilEvent(scanId, 'scan.failed');
    expect(await jobState(reportJob)).toBe('failed');
    const stored = await storedState(scanId);
    expect(stored?.state).toBe('failed');
    expect(stored?.error).toBe('handler ran longer than 1 s');
    expect(failed?.data).toEqual({ error: stored?.error });
    expect((await getScan(scanId)).state).toBe('failed');
    await stopRuntimes();

    const replay = await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${reportJob}/replay`, headers: OPERATOR, payload: { withDownstream: true } });
    expect(replay.statusCode, replay.body).toBe(201);
    const replayJob = ReplayJobResponse.parse(replay.json()).job.id;
    const resumed = await lastEvent(scanId);
    expect(resumed).toMatchObject({ type: 'scan.resumed', data: { jobId: replayJob, replayOf: reportJob, jobType: SCAN_JOB_TYPES.report } });
    expect(await storedState(scanId)).toEqual({ state: 'running', error: null });
    const resumedScan = await getScan(scanId);
    expect(resumedScan).toMatchObject({ state: 'running', finishedAt: null, error: null });

    await startRuntime();
    await untilEvent(scanId, 'scan.succeeded');
    const types = (await timeline(scanId)).map((e) => e.type);
    expect(types.slice(types.indexOf('scan.failed'))).toEqual(['scan.failed', 'scan.resumed', 'scan.reported', 'scan.compared', 'scan.succeeded']);
    expect(await getScan(scanId)).toMatchObject({ state: 'succeeded', findings: 1, error: null });
  });

  it('a lease the rescuer fails on the last attempt fails the scan; a dead-letter replay of the step resumes it to the end', async () => {
    // Every step runs but compare, which a worker then claims and loses (it stops heartbeating).
    await startRuntime({ [SCAN_JOB_TYPES.compare]: null });
    const started = await start();
    const scanId = started.scan.id;
    const compareJob = started.jobIds.compare as string;
    await waitFor(async () => ((await jobState(compareJob)) === 'queued' ? true : null), { timeoutMs: 20_000, description: 'compare to be queued' });
    await fx.db.pool.query('UPDATE jobs SET max_attempts = 1 WHERE id = $1', [compareJob]);
    const [claimed] = await store.claim({ workerId: 'vanished-worker', jobTypes: [SCAN_JOB_TYPES.compare], limit: 1, leaseSeconds: 30 });
    expect(claimed?.jobId).toBe(compareJob);
    await fx.db.pool.query(`UPDATE jobs SET lease_until = now() - interval '1 second' WHERE id = $1`, [compareJob]);
    await store.rescueExpired(10);

    expect(await jobState(compareJob)).toBe('failed');
    expect((await storedState(scanId))?.state).toBe('failed');
    expect((await lastEvent(scanId))?.type).toBe('scan.failed');
    expect((await getScan(scanId)).state).toBe('failed');
    await stopRuntimes();

    const { rows } = await fx.db.pool.query<{ id: string }>('SELECT id FROM dead_letter WHERE job_id = $1', [compareJob]);
    const replay = await fx.app.inject({ method: 'POST', url: `/api/v1/dead-letter/${rows[0]?.id}/replay`, headers: OPERATOR, payload: {} });
    expect(replay.statusCode, replay.body).toBe(201);
    expect(await lastEvent(scanId)).toMatchObject({ type: 'scan.resumed', data: { replayOf: compareJob, jobType: SCAN_JOB_TYPES.compare } });
    expect((await getScan(scanId)).state).toBe('running');

    await startRuntime();
    await untilEvent(scanId, 'scan.succeeded');
    const types = (await timeline(scanId)).map((e) => e.type);
    expect(types.slice(types.indexOf('scan.failed'))).toEqual(['scan.failed', 'scan.resumed', 'scan.compared', 'scan.succeeded']);
    expect((await getScan(scanId)).state).toBe('succeeded');
  });

  /** A worker claims the step and fails it for good (a permanent error). */
  const failStep = async (jobId: string, jobType: string, message: string) => {
    await waitFor(async () => ((await jobState(jobId)) === 'queued' ? true : null), { timeoutMs: 20_000, description: `${jobType} to be queued` });
    const [claimed] = await store.claim({ workerId: 'failing-worker', jobTypes: [jobType], limit: 1, leaseSeconds: 30 });
    expect(claimed?.jobId).toBe(jobId);
    await store.fail({ jobId, leaseId: claimed?.leaseId as string, error: { code: 'step_failed', message, class: 'permanent', retryable: false }, outcome: 'failed' });
  };

  it('a failed resolve skips the whole scan; once the target is fixed, its replay with downstream runs every step again', async () => {
    await startRuntime();
    const target = path.join(project, 'shop.tar.gz');
    // Starts like a tar.gz, so the start takes it; the resolve cannot read it.
    await writeFile(target, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(600, 7)]));
    const started = await start(target);
    const scanId = started.scan.id;
    await untilEvent(scanId, 'scan.failed');
    const { resolve, ...downstream } = started.jobIds;
    expect(await jobState(resolve as string)).toBe('failed');
    // The lanes and the match run after a failed analyzer, but not after a failed resolve.
    expect(Object.keys(downstream).length).toBeGreaterThan(4 + 3);
    for (const jobId of Object.values(downstream)) await waitFor(async () => ((await jobState(jobId)) === 'skipped' ? true : null), { timeoutMs: 10_000, description: 'skipped' });

    await writeFile(target, writeTarGz([{ path: 'shop/package-lock.json', data: Buffer.from(LOCKFILE) }]));
    const replay = await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${resolve}/replay`, headers: OPERATOR, payload: { withDownstream: true } });
    expect(replay.statusCode, replay.body).toBe(201);
    await untilEvent(scanId, 'scan.succeeded');
    const types = (await timeline(scanId)).map((e) => e.type);
    expect(types.slice(types.indexOf('scan.failed'), types.indexOf('scan.failed') + 3)).toEqual(['scan.failed', 'scan.resumed', 'scan.resolved']);
    expect(await getScan(scanId)).toMatchObject({ state: 'succeeded', findings: 1 });
  });

  it('a replay of a middle step without its downstream cannot finish the scan: it ends failed again, saying how to finish it', async () => {
    await startRuntime({ [SCAN_JOB_TYPES.match]: null });
    const started = await start();
    const scanId = started.scan.id;
    const matchJob = started.jobIds.match as string;
    await failStep(matchJob, SCAN_JOB_TYPES.match, 'the feed could not be read');
    await stopRuntimes();

    const replay = await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${matchJob}/replay`, headers: OPERATOR, payload: {} });
    expect(replay.statusCode, replay.body).toBe(201);
    await startRuntime();
    const failed = await untilEvent(scanId, 'scan.failed');
    const message = 'the replayed scanner.match job finished, but the steps after it were not replayed: replay it with its downstream to finish the scan';
    expect(failed?.data).toEqual({ error: message });
    expect(await getScan(scanId)).toMatchObject({ state: 'failed', error: message });
    expect((await timeline(scanId)).map((e) => e.type).slice(-4)).toEqual(['scan.failed', 'scan.resumed', 'scan.matched', 'scan.failed']);
  });

  it('a resumed scan is canceled with its replayed step: the replay took the original’s place in the scan', async () => {
    await startRuntime({ [SCAN_JOB_TYPES.match]: null });
    const started = await start();
    const scanId = started.scan.id;
    const matchJob = started.jobIds.match as string;
    await failStep(matchJob, SCAN_JOB_TYPES.match, 'the feed could not be read');
    expect(await storedState(scanId)).toEqual({ state: 'failed', error: 'the feed could not be read' });
    await stopRuntimes();

    const replay = await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${matchJob}/replay`, headers: OPERATOR, payload: { withDownstream: true } });
    const replayJob = ReplayJobResponse.parse(replay.json()).job.id;
    const canceled = await fx.app.inject({ method: 'POST', url: `/api/v1/scanner/scans/${scanId}/cancel`, headers: OPERATOR });
    expect(canceled.statusCode, canceled.body).toBe(200);
    expect((canceled.json() as { jobIds: string[] }).jobIds).toContain(replayJob);
    expect(await jobState(replayJob)).toBe('canceled');
    expect((await getScan(scanId)).state).toBe('canceled');
  });
});
