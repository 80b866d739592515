import {
  ErrorEnvelope,
  FailJobResponse,
  JobArtifact,
  JobArtifactList,
  JobDetail,
  JobHeartbeatResponse,
  JobLogPage,
  LeaseJobsResponse,
  RegisterWorkerResponse,
  WorkerHeartbeatResponse,
  type LeasedJob,
} from '@execops/contract';
import { PgStore, WorkerRegistry } from '@execops/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
let workerId: string;
let typeCounter = 0;

beforeAll(async () => {
  fx = await createAppFixture();
  workerId = (await register()).workerId;
});
afterAll(async () => fx.close());

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const uniqueType = (name: string) => `wk.${name}.${++typeCounter}`;

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fx.app.inject({ method: 'POST', url: `/api/v1${url}`, payload: body as object, headers });
}

async function register(jobTypes = ['wk.any']): Promise<RegisterWorkerResponse> {
  const res = await post('/worker/register', { name: 'api-test', host: 'test-host', pid: 42, version: '1.0.0', jobTypes, concurrency: 4, labels: { zone: 'a' } });
  expect(res.statusCode).toBe(201);
  return RegisterWorkerResponse.parse(res.json());
}

async function enqueue(jobType: string, extra: Record<string, unknown> = {}, tenant = 'default'): Promise<string> {
  const res = await post('/jobs', { jobType, payload: { n: 1 }, ...extra }, { 'x-tenant': tenant });
  expect(res.statusCode).toBe(201);
  return res.json().job.id;
}

/** Enqueues one job of a fresh type and leases it. */
async function leased(name: string, extra: Record<string, unknown> = {}): Promise<LeasedJob> {
  const jobType = uniqueType(name);
  await enqueue(jobType, extra);
  const res = await post('/worker/lease', { workerId, jobTypes: [jobType], limit: 1 });
  const [job] = LeaseJobsResponse.parse(res.json()).jobs;
  if (!job) throw new Error('nothing leased');
  return job;
}

async function getJob(id: string): Promise<JobDetail> {
  return JobDetail.parse((await fx.app.inject({ url: `/api/v1/jobs/${id}` })).json());
}

function expectError(res: { statusCode: number; json(): unknown }, status: number, code: string): void {
  expect(res.statusCode).toBe(status);
  expect(ErrorEnvelope.parse(res.json()).error.code).toBe(code);
}

async function workerRow(id: string) {
  const all = (await new WorkerRegistry(fx.db.pool).list()).items;
  return all.find((w) => w.id === id);
}

/** A lease that was valid once: the job was rescued after its lease ran out. */
async function expireLease(jobId: string): Promise<void> {
  await fx.db.pool.query(`UPDATE jobs SET lease_until = now() - interval '1 second' WHERE id = $1`, [jobId]);
  await new PgStore({ pool: fx.db.pool }).rescueExpired(100);
}

const UNKNOWN_JOB = '0190a0c0-0000-7000-8000-000000000000';
const UNKNOWN_LEASE = '0190a0c0-0000-7000-8000-00000000beef';

describe('POST /api/v1/worker/register', () => {
  it('registers a worker in the registry and answers its lease and heartbeat periods', async () => {
    const registered = await register(['wk.reg']);
    expect(registered).toMatchObject({ leaseSeconds: 30, heartbeatSeconds: 10 });
    expect(await workerRow(registered.workerId)).toMatchObject({
      name: 'api-test',
      host: 'test-host',
      pid: 42,
      version: '1.0.0',
      jobTypes: ['wk.reg'],
      concurrency: 4,
      labels: { zone: 'a' },
      state: 'active',
      activeJobs: 0,
      processed: 0,
      failed: 0,
    });
  });

  it.each([
    ['no job types', { name: 'w', host: 'h', jobTypes: [], concurrency: 1 }],
    ['a zero concurrency', { name: 'w', host: 'h', jobTypes: ['a.b'], concurrency: 0 }],
    ['an unknown field', { name: 'w', host: 'h', jobTypes: ['a.b'], concurrency: 1, colour: 'red' }],
  ])('rejects %s with 400', async (_name, body) => {
    expectError(await post('/worker/register', body), 400, 'validation_failed');
  });
});

describe('POST /api/v1/worker/lease', () => {
  it('leases a runnable job with its payload and lease, and answers an empty list when nothing is runnable', async () => {
    const jobType = uniqueType('lease');
    const id = await enqueue(jobType);
    const res = await post('/worker/lease', { workerId, jobTypes: [jobType], limit: 5, leaseSeconds: 60 });
    expect(res.statusCode).toBe(200);
    const { jobs } = LeaseJobsResponse.parse(res.json());
    expect(jobs).toMatchObject([{ jobId: id, jobType, tenant: 'default', payload: { n: 1 }, attempt: 1 }]);
    expect(Date.parse(jobs[0]!.leaseUntil) - Date.now()).toBeGreaterThan(50_000);
    expect((await getJob(id)).leaseOwner).toBe(workerId);
    const empty = await post('/worker/lease', { workerId, jobTypes: [jobType], limit: 5 });
    expect(LeaseJobsResponse.parse(empty.json()).jobs).toEqual([]);
  });

  it('waits for a job enqueued during a long-poll', async () => {
    const jobType = uniqueType('longpoll');
    const started = Date.now();
    const pending = post('/worker/lease', { workerId, jobTypes: [jobType], limit: 1, waitMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const id = await enqueue(jobType);
    const { jobs } = LeaseJobsResponse.parse((await pending).json());
    expect(jobs.map((j) => j.jobId)).toEqual([id]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers an empty list once the wait is over', async () => {
    const started = Date.now();
    const res = await post('/worker/lease', { workerId, jobTypes: [uniqueType('idle')], limit: 1, waitMs: 400 });
    expect(LeaseJobsResponse.parse(res.json()).jobs).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });

  it('leases nothing to a draining worker', async () => {
    const { workerId: draining } = await register();
    await new WorkerRegistry(fx.db.pool).setState(draining, 'draining');
    const jobType = uniqueType('drain');
    await enqueue(jobType);
    const res = await post('/worker/lease', { workerId: draining, jobTypes: [jobType], limit: 1 });
    expect(LeaseJobsResponse.parse(res.json()).jobs).toEqual([]);
  });

  it('answers 404 for an unregistered worker and 400 for a bad body', async () => {
    expectError(await post('/worker/lease', { workerId: 'nobody', jobTypes: ['a.b'], limit: 1 }), 404, 'not_found');
    expectError(await post('/worker/lease', { workerId, jobTypes: ['a.b'], limit: 0 }), 400, 'validation_failed');
    expectError(await post('/worker/lease', { workerId, jobTypes: ['a.b'], limit: 1, waitMs: 30_001 }), 400, 'validation_failed');
  });
});

describe('POST /api/v1/worker/jobs/:id/heartbeat', () => {
  it('extends the lease, records progress and touches the worker', async () => {
    const job = await leased('beat');
    await fx.db.pool.query(`UPDATE workers SET heartbeat_at = now() - interval '1 hour' WHERE id = $1`, [workerId]);
    const res = await post(`/worker/jobs/${job.jobId}/heartbeat`, { leaseId: job.leaseId, leaseSeconds: 120, progress: { percent: 40, message: 'halfway-ish' } });
    expect(res.statusCode).toBe(200);
    const beat = JobHeartbeatResponse.parse(res.json());
    expect(beat.cancelRequested).toBe(false);
    expect(Date.parse(beat.leaseUntil) - Date.now()).toBeGreaterThan(100_000);
    expect((await getJob(job.jobId)).progress).toEqual({ percent: 40, message: 'halfway-ish' });
    expect(Date.now() - Date.parse((await workerRow(workerId))!.heartbeatAt)).toBeLessThan(60_000);
  });

  it('tells the worker about an operator cancel request', async () => {
    const job = await leased('cancel');
    const cancel = await post(`/jobs/${job.jobId}/cancel`, undefined, { 'x-operator-reason': 'stop it' });
    expect(cancel.json().outcome).toBe('cancel_requested');
    const beat = JobHeartbeatResponse.parse((await post(`/worker/jobs/${job.jobId}/heartbeat`, { leaseId: job.leaseId })).json());
    expect(beat.cancelRequested).toBe(true);
  });

  it('answers 409 lease_lost for a stale lease, 404 for an unknown job, 400 for a bad id or body', async () => {
    const job = await leased('stale');
    await expireLease(job.jobId);
    expectError(await post(`/worker/jobs/${job.jobId}/heartbeat`, { leaseId: job.leaseId }), 409, 'lease_lost');
    expectError(await post(`/worker/jobs/${UNKNOWN_JOB}/heartbeat`, { leaseId: UNKNOWN_LEASE }), 404, 'not_found');
    expectError(await post('/worker/jobs/42/heartbeat', { leaseId: UNKNOWN_LEASE }), 400, 'validation_failed');
    expectError(await post(`/worker/jobs/${job.jobId}/heartbeat`, { leaseId: 'nope' }), 400, 'validation_failed');
    expectError(await post(`/worker/jobs/${job.jobId}/heartbeat`, { leaseId: job.leaseId, progress: { percent: 101 } }), 400, 'validation_failed');
  });
});

describe('POST /api/v1/worker/jobs/:id/complete and fail', () => {
  it('completes a job with its result once, counting it for the worker', async () => {
    const { workerId: counted } = await register();
    const jobType = uniqueType('complete');
    const id = await enqueue(jobType);
    const [job] = LeaseJobsResponse.parse((await post('/worker/lease', { workerId: counted, jobTypes: [jobType], limit: 1 })).json()).jobs;
    const res = await post(`/worker/jobs/${id}/complete`, { leaseId: job!.leaseId, result: { rows: 3 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ state: 'succeeded' });
    expect(await getJob(id)).toMatchObject({ state: 'succeeded', result: { rows: 3 } });
    expectError(await post(`/worker/jobs/${id}/complete`, { leaseId: job!.leaseId, result: 1 }), 409, 'lease_lost');
    expect(await workerRow(counted)).toMatchObject({ processed: 1, failed: 0 });
  });

  it('schedules a retry for a retryable error and fails a permanent one at once', async () => {
    const retryable = await leased('retry');
    const retry = FailJobResponse.parse(
      (await post(`/worker/jobs/${retryable.jobId}/fail`, { leaseId: retryable.leaseId, error: { code: 'boom', message: 'transient', class: 'transient', retryable: true } })).json(),
    );
    expect(retry.state).toBe('scheduled');
    expect(retry.retryAt).not.toBeNull();

    const permanent = await leased('permanent');
    const failed = FailJobResponse.parse(
      (await post(`/worker/jobs/${permanent.jobId}/fail`, { leaseId: permanent.leaseId, error: { code: 'bad_input', message: 'no', class: 'permanent', retryable: false } })).json(),
    );
    expect(failed).toEqual({ state: 'failed', retryAt: null });
    const detail = await getJob(permanent.jobId);
    expect(detail.lastError).toMatchObject({ code: 'bad_input' });
    expect(detail.attempts[0]?.outcome).toBe('failed');
  });

  it('records a canceled outcome', async () => {
    const job = await leased('canceled');
    const res = await post(`/worker/jobs/${job.jobId}/fail`, {
      leaseId: job.leaseId,
      outcome: 'canceled',
      error: { code: 'canceled', message: 'canceled', class: 'permanent', retryable: false },
    });
    expect(FailJobResponse.parse(res.json()).state).toBe('canceled');
    expect((await getJob(job.jobId)).attempts[0]?.outcome).toBe('canceled');
  });

  it('rejects a stale lease, an unknown job and a malformed error', async () => {
    const job = await leased('fail-stale');
    const error = { code: 'x', message: 'y', class: 'transient', retryable: true };
    await expireLease(job.jobId);
    expectError(await post(`/worker/jobs/${job.jobId}/fail`, { leaseId: job.leaseId, error }), 409, 'lease_lost');
    expectError(await post(`/worker/jobs/${UNKNOWN_JOB}/fail`, { leaseId: UNKNOWN_LEASE, error }), 404, 'not_found');
    expectError(await post(`/worker/jobs/${UNKNOWN_JOB}/complete`, { leaseId: UNKNOWN_LEASE }), 404, 'not_found');
    expectError(await post(`/worker/jobs/${job.jobId}/fail`, { leaseId: job.leaseId, error: { code: 'x' } }), 400, 'validation_failed');
    expectError(await post(`/worker/jobs/${job.jobId}/fail`, { leaseId: job.leaseId, error, outcome: 'succeeded' }), 400, 'validation_failed');
  });
});

describe('job logs', () => {
  it('appends lines in order and serves them for tailing', async () => {
    const job = await leased('log');
    const lines = Array.from({ length: 5 }, (_, i) => ({ level: 'info', message: `line ${i}`, fields: { i } }));
    const first = await post(`/worker/jobs/${job.jobId}/log`, { leaseId: job.leaseId, lines: lines.slice(0, 3) });
    expect(first.statusCode).toBe(200);
    expect(first.json().appended).toBe(3);
    await post(`/worker/jobs/${job.jobId}/log`, {
      leaseId: job.leaseId,
      lines: [...lines.slice(3), { level: 'error', message: 'stamped', ts: '2026-01-02T03:04:05.000Z' }],
    });

    const page = JobLogPage.parse((await fx.app.inject({ url: `/api/v1/jobs/${job.jobId}/logs?limit=4` })).json());
    expect(page.items.map((l) => l.message)).toEqual(['line 0', 'line 1', 'line 2', 'line 3']);
    expect(page.items[0]).toMatchObject({ level: 'info', attempt: 1, fields: { i: 0 } });
    expect(page.hasMore).toBe(true);
    const rest = JobLogPage.parse((await fx.app.inject({ url: `/api/v1/jobs/${job.jobId}/logs?afterId=${page.nextAfterId}` })).json());
    expect(rest.items.map((l) => l.message)).toEqual(['line 4', 'stamped']);
    expect(rest.items[1]).toMatchObject({ level: 'error', ts: '2026-01-02T03:04:05.000Z', fields: null });
    const tail = JobLogPage.parse((await fx.app.inject({ url: `/api/v1/jobs/${job.jobId}/logs?afterId=${rest.nextAfterId}` })).json());
    expect(tail).toEqual({ items: [], nextAfterId: rest.nextAfterId, hasMore: false });
  });

  it('accepts 500 lines per call and rejects 501', async () => {
    const job = await leased('log-limit');
    const line = { level: 'debug', message: 'x' };
    expect((await post(`/worker/jobs/${job.jobId}/log`, { leaseId: job.leaseId, lines: Array(500).fill(line) })).json().appended).toBe(500);
    expectError(await post(`/worker/jobs/${job.jobId}/log`, { leaseId: job.leaseId, lines: Array(501).fill(line) }), 400, 'validation_failed');
    expectError(await post(`/worker/jobs/${job.jobId}/log`, { leaseId: job.leaseId, lines: [] }), 400, 'validation_failed');
    expectError(await post(`/worker/jobs/${job.jobId}/log`, { leaseId: job.leaseId, lines: [{ level: 'fatal', message: 'x' }] }), 400, 'validation_failed');
  });

  it('refuses lines under a stale lease and for unknown jobs; reads are tenant-scoped', async () => {
    const job = await leased('log-stale');
    const lines = [{ level: 'info', message: 'late' }];
    await expireLease(job.jobId);
    expectError(await post(`/worker/jobs/${job.jobId}/log`, { leaseId: job.leaseId, lines }), 409, 'lease_lost');
    expectError(await post(`/worker/jobs/${UNKNOWN_JOB}/log`, { leaseId: UNKNOWN_LEASE, lines }), 404, 'not_found');
    expect(JobLogPage.parse((await fx.app.inject({ url: `/api/v1/jobs/${job.jobId}/logs` })).json()).items).toEqual([]);
    expectError(await fx.app.inject({ url: `/api/v1/jobs/${job.jobId}/logs`, headers: { 'x-tenant': 'other' } }), 404, 'not_found');
    expectError(await fx.app.inject({ url: `/api/v1/jobs/${UNKNOWN_JOB}/logs` }), 404, 'not_found');
    expectError(await fx.app.inject({ url: `/api/v1/jobs/${job.jobId}/logs?limit=5000` }), 400, 'validation_failed');
  });
});

describe('job artifacts', () => {
  it('records artifacts, replacing one added again under the same name', async () => {
    const job = await leased('artifact');
    const artifact = { name: 'report.json', uri: 's3://bucket/report.json', digest: DIGEST, size: 1234, mime: 'application/json' };
    const res = await post(`/worker/jobs/${job.jobId}/artifact`, { leaseId: job.leaseId, ...artifact });
    expect(res.statusCode).toBe(200);
    expect(JobArtifact.parse(res.json())).toMatchObject({ ...artifact, attempt: 1 });
    await post(`/worker/jobs/${job.jobId}/artifact`, { leaseId: job.leaseId, ...artifact, size: 99 });
    await post(`/worker/jobs/${job.jobId}/artifact`, { leaseId: job.leaseId, ...artifact, name: 'sbom.cdx.json' });
    const list = JobArtifactList.parse((await fx.app.inject({ url: `/api/v1/jobs/${job.jobId}/artifacts` })).json());
    expect(list.items.map((a) => [a.name, a.size])).toEqual([
      ['report.json', 99],
      ['sbom.cdx.json', 1234],
    ]);
  });

  it('rejects a bad digest, a stale lease and unknown jobs', async () => {
    const job = await leased('artifact-bad');
    const artifact = { name: 'a', uri: 'file:///a', digest: DIGEST, size: 1, mime: 'text/plain' };
    expectError(await post(`/worker/jobs/${job.jobId}/artifact`, { leaseId: job.leaseId, ...artifact, digest: 'md5:abc' }), 400, 'validation_failed');
    expectError(await post(`/worker/jobs/${job.jobId}/artifact`, { leaseId: job.leaseId, ...artifact, size: -1 }), 400, 'validation_failed');
    await expireLease(job.jobId);
    expectError(await post(`/worker/jobs/${job.jobId}/artifact`, { leaseId: job.leaseId, ...artifact }), 409, 'lease_lost');
    expectError(await post(`/worker/jobs/${UNKNOWN_JOB}/artifact`, { leaseId: UNKNOWN_LEASE, ...artifact }), 404, 'not_found');
    expect(JobArtifactList.parse((await fx.app.inject({ url: `/api/v1/jobs/${job.jobId}/artifacts` })).json()).items).toEqual([]);
    expectError(await fx.app.inject({ url: `/api/v1/jobs/${UNKNOWN_JOB}/artifacts` }), 404, 'not_found');
  });
});

describe('worker heartbeat and deregister', () => {
  it('records the active job count, then marks the worker offline (idempotently)', async () => {
    const { workerId: id } = await register();
    const beat = await post('/worker/heartbeat', { workerId: id, activeJobs: 3 });
    expect(WorkerHeartbeatResponse.parse(beat.json()).state).toBe('active');
    expect((await workerRow(id))?.activeJobs).toBe(3);
    const gone = await post('/worker/deregister', { workerId: id });
    expect(gone.json()).toEqual({ state: 'offline' });
    expect(await workerRow(id)).toMatchObject({ state: 'offline', activeJobs: 0 });
    expectError(await post('/worker/heartbeat', { workerId: id, activeJobs: 0 }), 404, 'not_found');
    expect((await post('/worker/deregister', { workerId: id })).statusCode).toBe(200);
    expectError(await post('/worker/deregister', { workerId: 'nobody' }), 404, 'not_found');
    expectError(await post('/worker/heartbeat', { workerId: id, activeJobs: -1 }), 400, 'validation_failed');
  });

  it('shows a silent worker as stale, then offline', async () => {
    const { workerId: id } = await register();
    await fx.db.pool.query(`UPDATE workers SET heartbeat_at = now() - interval '20 seconds' WHERE id = $1`, [id]);
    expect((await workerRow(id))?.state).toBe('stale');
    await fx.db.pool.query(`UPDATE workers SET heartbeat_at = now() - interval '2 minutes' WHERE id = $1`, [id]);
    expect((await workerRow(id))?.state).toBe('offline');
  });
});

it('documents the worker protocol in the OpenAPI document', async () => {
  const doc = (await fx.app.inject({ url: '/api/openapi.json' })).json();
  for (const path of ['register', 'lease', 'heartbeat', 'deregister', 'jobs/{id}/heartbeat', 'jobs/{id}/complete', 'jobs/{id}/fail', 'jobs/{id}/log', 'jobs/{id}/artifact']) {
    expect(doc.paths[`/api/v1/worker/${path}`]?.post, path).toBeDefined();
  }
  expect(doc.paths['/api/v1/jobs/{id}/logs'].get).toBeDefined();
  expect(doc.paths['/api/v1/jobs/{id}/artifacts'].get).toBeDefined();
});
