import { AuditPage, ErrorEnvelope, JobDetail, LeaseJobsResponse, RegisterWorkerResponse, WorkerDetail, WorkerInfo, WorkerList } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../packages/engine/test/support/wait.ts';
import { createAppFixture, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
let typeCounter = 0;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

const uniqueType = (name: string) => `fleet.${name}.${++typeCounter}`;
const REASON = { 'x-operator-reason': 'maintenance on the host', 'x-operator-ticket': 'OPS-7' };

function post(url: string, body?: unknown, headers: Record<string, string> = {}) {
  return fx.app.inject({ method: 'POST', url: `/api/v1${url}`, ...(body === undefined ? {} : { payload: body as object }), headers });
}

const get = (url: string) => fx.app.inject({ url: `/api/v1${url}` });

function expectError(res: { statusCode: number; json(): unknown }, status: number, code: string): void {
  expect(res.statusCode).toBe(status);
  const { error } = ErrorEnvelope.parse(res.json());
  expect(error.code).toBe(code);
  expect(error.traceId).toBeTruthy();
}

async function register(jobTypes: string[], name = 'fleet-api'): Promise<string> {
  const res = await post('/worker/register', { name, host: 'fleet-host', pid: 7, version: '2.0.0', jobTypes, concurrency: 2, labels: { zone: 'b' } });
  expect(res.statusCode).toBe(201);
  return RegisterWorkerResponse.parse(res.json()).workerId;
}

async function enqueue(jobType: string): Promise<string> {
  const res = await post('/jobs', { jobType, payload: {} });
  expect(res.statusCode).toBe(201);
  return res.json().job.id;
}

async function lease(workerId: string, jobType: string, waitMs = 0): Promise<LeaseJobsResponse> {
  const res = await post('/worker/lease', { workerId, jobTypes: [jobType], limit: 5, waitMs });
  expect(res.statusCode).toBe(200);
  return LeaseJobsResponse.parse(res.json());
}

async function jobState(id: string): Promise<JobDetail['state']> {
  return JobDetail.parse((await get(`/jobs/${id}`)).json()).state;
}

describe('GET /api/v1/workers', () => {
  it('lists registered workers with counts by state, filtered by state, job type and text', async () => {
    const jobType = uniqueType('list');
    const id = await register([jobType], 'list-me');
    const res = await get(`/workers?jobType=${jobType}`);
    expect(res.statusCode).toBe(200);
    const list = WorkerList.parse(res.json());
    expect(list.items).toMatchObject([{ id, name: 'list-me', host: 'fleet-host', pid: 7, version: '2.0.0', jobTypes: [jobType], concurrency: 2, labels: { zone: 'b' }, state: 'active', activeJobs: 0, leasedJobs: 0, processed: 0, failed: 0 }]);
    expect(list.counts.active).toBeGreaterThanOrEqual(1);
    expect(WorkerList.parse((await get(`/workers?jobType=${jobType}&state=draining`)).json()).items).toEqual([]);
    expect(WorkerList.parse((await get(`/workers?q=LIST-ME`)).json()).items.map((w) => w.id)).toEqual([id]);
    expectError(await get('/workers?state=sleeping'), 400, 'validation_failed');
  });
});

describe('GET /api/v1/workers/:id', () => {
  it('shows the worker with the jobs it holds leases on', async () => {
    const jobType = uniqueType('detail');
    const id = await register([jobType]);
    const jobId = await enqueue(jobType);
    const [leased] = (await lease(id, jobType)).jobs;
    const detail = WorkerDetail.parse((await get(`/workers/${id}`)).json());
    expect(detail.worker).toMatchObject({ id, leasedJobs: 1 });
    expect(detail.activeJobs).toEqual([{ jobId, tenant: 'default', jobType, queue: jobType, attempt: 1, startedAt: expect.any(String) }]);
    await post(`/worker/jobs/${jobId}/complete`, { leaseId: leased!.leaseId });
    expect(WorkerDetail.parse((await get(`/workers/${id}`)).json())).toMatchObject({ activeJobs: [], worker: { leasedJobs: 0, processed: 1, failed: 0 } });
  });

  it('answers 404 for an unknown worker', async () => {
    expectError(await get('/workers/nobody'), 404, 'not_found');
  });
});

describe('POST /api/v1/workers/:id/drain and /resume', () => {
  it('stops the worker claiming while its running job finishes, audits both actions, and resume lets it claim again', async () => {
    const jobType = uniqueType('drain');
    const id = await register([jobType]);
    const running = await enqueue(jobType);
    const [leased] = (await lease(id, jobType)).jobs;
    expect(leased?.jobId).toBe(running);

    expectError(await post(`/workers/${id}/drain`), 400, 'validation_failed');
    const drained = await post(`/workers/${id}/drain`, undefined, REASON);
    expect(drained.statusCode).toBe(200);
    expect(WorkerInfo.parse(drained.json()).state).toBe('draining');
    expectError(await post(`/workers/${id}/drain`, undefined, REASON), 409, 'conflict');

    const waiting = await enqueue(jobType);
    expect(await lease(id, jobType)).toEqual({ jobs: [], workerState: 'draining' });
    expect(await jobState(waiting)).toBe('queued');
    const beat = await post('/worker/heartbeat', { workerId: id, activeJobs: 1 });
    expect(beat.json().state).toBe('draining');
    // The job it already runs is its to finish.
    expect((await post(`/worker/jobs/${running}/complete`, { leaseId: leased!.leaseId, result: 'done' })).statusCode).toBe(200);
    expect(await jobState(running)).toBe('succeeded');
    expect(await jobState(waiting)).toBe('queued');

    const resumed = await post(`/workers/${id}/resume`, undefined, REASON);
    expect(WorkerInfo.parse(resumed.json()).state).toBe('active');
    expectError(await post(`/workers/${id}/resume`, undefined, REASON), 409, 'conflict');
    const again = await lease(id, jobType);
    expect(again.workerState).toBe('active');
    expect(again.jobs.map((j) => j.jobId)).toEqual([waiting]);

    const audit = AuditPage.parse((await get(`/audit?targetType=worker&targetId=${id}`)).json());
    expect(audit.items.map((e) => [e.action, e.reason, e.ticket])).toEqual([
      ['worker.resume', 'maintenance on the host', 'OPS-7'],
      ['worker.drain', 'maintenance on the host', 'OPS-7'],
    ]);
    const events = await fx.db.pool.query<{ type: string }>(`SELECT type FROM events WHERE topic = 'workers' AND subject_id = $1 ORDER BY id`, [id]);
    expect(events.rows.map((r) => r.type)).toEqual(['worker.draining', 'worker.resumed']);
  });

  it('hands a job to a drained worker long-polling as soon as it is resumed', async () => {
    const jobType = uniqueType('poll');
    const id = await register([jobType]);
    expect((await post(`/workers/${id}/drain`, undefined, REASON)).statusCode).toBe(200);
    const jobId = await enqueue(jobType);
    const polling = lease(id, jobType, 20_000);
    expect(await jobState(jobId)).toBe('queued');
    expect((await post(`/workers/${id}/resume`, undefined, REASON)).statusCode).toBe(200);
    expect((await polling).jobs.map((j) => j.jobId)).toEqual([jobId]);
  });

  it('a long-poll already waiting when the worker is drained claims nothing afterwards', async () => {
    const jobType = uniqueType('inflight');
    const id = await register([jobType]);
    await fx.db.pool.query(`UPDATE workers SET heartbeat_at = now() - interval '10 seconds' WHERE id = $1`, [id]);
    const polling = lease(id, jobType, 3_000);
    // The lease call touches the worker before it waits: a fresh heartbeat means the poll is under way.
    await waitFor(async () => WorkerDetail.parse((await get(`/workers/${id}`)).json()).worker.heartbeatAgeMs < 5_000, { description: 'the poll to start' });
    expect((await post(`/workers/${id}/drain`, undefined, REASON)).statusCode).toBe(200);
    const jobId = await enqueue(jobType);
    expect(await polling).toEqual({ jobs: [], workerState: 'draining' });
    expect(await jobState(jobId)).toBe('queued');
  });

  it('refuses stale and offline workers (409) and unknown ones (404)', async () => {
    const jobType = uniqueType('quiet');
    const stale = await register([jobType]);
    const gone = await register([jobType]);
    await fx.db.pool.query(`UPDATE workers SET heartbeat_at = now() - interval '20 seconds' WHERE id = $1`, [stale]);
    expect((await post('/worker/deregister', { workerId: gone })).statusCode).toBe(200);
    const list = WorkerList.parse((await get(`/workers?jobType=${jobType}`)).json());
    expect(Object.fromEntries(list.items.map((w) => [w.id, w.state]))).toEqual({ [stale]: 'stale', [gone]: 'offline' });
    expectError(await post(`/workers/${stale}/drain`, undefined, REASON), 409, 'conflict');
    expectError(await post(`/workers/${gone}/drain`, undefined, REASON), 409, 'conflict');
    expectError(await post(`/workers/nobody/drain`, undefined, REASON), 404, 'not_found');
  });
});
