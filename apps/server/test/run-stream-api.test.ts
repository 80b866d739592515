import { ErrorEnvelope, LeaseJobsResponse, RegisterWorkerResponse, Run, RunStreamEvent, Schedule } from '@execops/contract';
import { RunStream } from '@execops/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, createAppFixture, listenLocally, type AppFixture } from './app-fixture.ts';
import { collectEvents } from './sse-client.ts';

let fx: AppFixture;
let base: string;
beforeAll(async () => {
  fx = await createAppFixture();
  base = await listenLocally(fx);
});
afterAll(async () => fx.close());

const reason = { 'x-operator-reason': 'run stream test' };
let counter = 0;

function post(url: string, body: object = {}, headers: Record<string, string> = {}) {
  return fx.app.inject({ method: 'POST', url: `/api/v1${url}`, payload: body, headers });
}

/** A schedule of `jobs` jobs of a fresh type that no one else handles, triggered once by hand. */
async function triggeredRun(jobs = 1): Promise<{ run: Run; jobType: string }> {
  const jobType = `stream.job-${++counter}`;
  const job = { jobType, payload: { n: 1 } };
  const target = jobs === 1 ? { kind: 'job', job } : { kind: 'pipeline', pipeline: { nodes: Array.from({ length: jobs }, (_, i) => ({ key: `n${i}`, job })) } };
  const created = await post('/schedules', { name: `stream-${counter}`, cron: '0 0 1 1 *', target }, reason);
  expect(created.statusCode, created.body).toBe(201);
  const schedule = Schedule.parse(created.json());
  const triggered = await post(`/schedules/${schedule.id}/trigger`, {}, reason);
  expect(triggered.statusCode, triggered.body).toBe(201);
  return { run: Run.parse(triggered.json()), jobType };
}

/** Acts as an HTTP worker: leases the run's job, logs an info and an error line, then completes it. */
async function workOneJob(jobType: string) {
  const worker = RegisterWorkerResponse.parse((await post('/worker/register', { name: 'stream-test', host: 'h', jobTypes: [jobType], concurrency: 1 }, {})).json());
  const [lease] = LeaseJobsResponse.parse((await post('/worker/lease', { workerId: worker.workerId, jobTypes: [jobType], limit: 1 })).json()).jobs;
  if (!lease) throw new Error('nothing leased');
  const logged = await post(`/worker/jobs/${lease.jobId}/log`, {
    leaseId: lease.leaseId,
    lines: [
      { level: 'info', message: 'reading input' },
      { level: 'error', message: 'row 7 rejected', fields: { row: 7 } },
    ],
  });
  expect(logged.statusCode, logged.body).toBe(200);
  expect((await post(`/worker/jobs/${lease.jobId}/complete`, { leaseId: lease.leaseId, result: { ok: true } })).statusCode).toBe(200);
  return lease.jobId;
}

async function stream(runId: string, count: number, options: { query?: string; headers?: Record<string, string>; act?: () => Promise<void> } = {}) {
  const received = await collectEvents(`${base}/api/v1/runs/${runId}/stream${options.query ?? ''}`, count, { ...adminAuth(fx), ...options.headers }, options.act);
  return received.map(({ id, data }) => {
    const event = RunStreamEvent.parse(data);
    expect(event.id).toBe(id);
    return event;
  });
}

/** A compact view of an item for whole-sequence assertions. */
function describeItem(event: RunStreamEvent): string {
  switch (event.type) {
    case 'stateChanged':
      return `state ${event.from ?? '-'}→${event.to}`;
    case 'progress':
      return `progress ${event.processed}/${event.total}`;
    case 'jobChanged':
      return `job ${event.event} ${event.state}`;
    case 'log':
      return `log ${event.level} ${event.message}`;
    case 'runEvent':
      return `run ${event.event}`;
  }
}

const FULL_HISTORY = [
  'job job.enqueued queued',
  'run run.created',
  'progress 0/1',
  'state -→queued',
  'job job.started running',
  'progress 0/1',
  'state queued→running',
  'log info reading input',
  'log error row 7 rejected',
  'job job.succeeded succeeded',
  'progress 1/1',
  'state running→completed',
];

describe('GET /api/v1/runs/:id/stream', () => {
  it('gives a late viewer the whole history in commit order, ending in the state the run store derives', async () => {
    const { run, jobType } = await triggeredRun();
    const jobId = await workOneJob(jobType);
    const events = await stream(run.id, FULL_HISTORY.length);
    expect(events.map(describeItem)).toEqual(FULL_HISTORY);
    expect(events.filter((e) => e.type === 'log').map((e) => [e.jobId, e.jobType, e.attempt])).toEqual([
      [jobId, jobType, 1],
      [jobId, jobType, 1],
    ]);
    const after = Run.parse((await fx.app.inject({ url: `/api/v1/runs/${run.id}` })).json());
    const progress = events.filter((e) => e.type === 'progress').at(-1);
    expect(progress).toMatchObject({ processed: after.progress.processed, total: after.progress.total, counts: after.counts });
    expect(after.state).toBe('completed');
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('sends live events as they commit after the backlog', async () => {
    const { run, jobType } = await triggeredRun();
    const events = await stream(run.id, FULL_HISTORY.length, { act: async () => void (await workOneJob(jobType)) });
    expect(events.map(describeItem)).toEqual(FULL_HISTORY);
  });

  it('resumes after Last-Event-ID (header or query) with exactly the rest, also inside one log write', async () => {
    const { run, jobType } = await triggeredRun();
    await workOneJob(jobType);
    const all = await stream(run.id, FULL_HISTORY.length);
    for (const at of [0, 2, 7, 10]) {
      const rest = all.slice(at + 1);
      const byHeader = await stream(run.id, rest.length, { headers: { 'last-event-id': all[at]!.id } });
      expect(byHeader).toEqual(rest);
      const byQuery = await stream(run.id, rest.length, { query: `?lastEventId=${encodeURIComponent(all[at]!.id)}` });
      expect(byQuery).toEqual(rest);
    }
  });

  it('derives progress once per transaction and agrees with the run store through a failure and retry-failed, however the reads are cut', async () => {
    const { run, jobType } = await triggeredRun(3);
    const worker = RegisterWorkerResponse.parse((await post('/worker/register', { name: 'stream-retry', host: 'h', jobTypes: [jobType], concurrency: 3 })).json());
    const lease = async (count: number) => LeaseJobsResponse.parse((await post('/worker/lease', { workerId: worker.workerId, jobTypes: [jobType], limit: count })).json()).jobs;
    const [failing, ...others] = await lease(3);
    const error = { code: 'E_ROW', message: 'bad row', class: 'permanent', retryable: false };
    expect((await post(`/worker/jobs/${failing!.jobId}/fail`, { leaseId: failing!.leaseId, error })).statusCode).toBe(200);
    for (const job of others) await post(`/worker/jobs/${job.jobId}/complete`, { leaseId: job.leaseId, result: {} });
    expect(Run.parse((await fx.app.inject({ url: `/api/v1/runs/${run.id}` })).json()).state).toBe('error');
    expect((await post(`/runs/${run.id}/retry-failed`, {}, reason)).statusCode).toBe(200);
    const [replay] = await lease(1);
    await post(`/worker/jobs/${replay!.jobId}/complete`, { leaseId: replay!.leaseId, result: {} });
    const after = Run.parse((await fx.app.inject({ url: `/api/v1/runs/${run.id}` })).json());
    expect(after).toMatchObject({ state: 'completed', progress: { processed: 3, total: 3 } });

    const derived = ['state -→queued', 'state queued→running', 'state running→error', 'state error→running', 'state running→completed'];
    // 3 enqueued + run.created; 3 started; failed, 2 succeeded; replay enqueued + run.retried; started; succeeded: with their derived items.
    const whole = await stream(run.id, 4 + 3 + 3 + 2 + 1 + 1 + 12);
    expect(whole.filter((e) => e.type === 'stateChanged').map(describeItem)).toEqual(derived);
    // The pipeline's three jobs enqueued in one transaction give one progress item.
    expect(whole.slice(0, 6).map(describeItem)).toEqual([
      'job job.enqueued queued',
      'job job.enqueued queued',
      'job job.enqueued queued',
      'run run.created',
      'progress 0/3',
      'state -→queued',
    ]);
    expect(whole.filter((e) => e.type === 'progress').at(-1)).toMatchObject({ processed: 3, total: 3, counts: after.counts });

    const cut = await RunStream.open(fx.db.pool, 'default', run.id, null);
    const pieces: RunStreamEvent[] = [];
    for (let more = true; more; ) {
      const read = await cut.next(2);
      pieces.push(...read.items);
      more = read.more;
    }
    expect(pieces).toEqual(whole);
  });

  it('orders by commit safely: an event whose transaction commits late is not skipped', async () => {
    const { run } = await triggeredRun();
    const backlog = await stream(run.id, 4);
    const insert = `INSERT INTO events (tenant, topic, type, subject_id, data) VALUES ('default', 'runs', $1, $2, '{}')`;
    const late = await fx.db.pool.connect();
    try {
      const live = await stream(run.id, 2, {
        headers: { 'last-event-id': backlog.at(-1)!.id },
        act: async () => {
          // The first transaction takes the smaller id and commits last.
          await late.query('BEGIN');
          await late.query(insert, ['run.test_first', run.id]);
          await fx.db.pool.query(insert, ['run.test_second', run.id]);
          await new Promise((resolve) => setTimeout(resolve, 1200)); // let the stream poll while the first is open
          await late.query('COMMIT');
        },
      });
      expect(live.map(describeItem)).toEqual(['run run.test_first', 'run run.test_second']);
    } finally {
      late.release();
    }
  });

  it('answers 404 for an unknown run and for another tenant’s run, 400 for a bad Last-Event-ID or run id', async () => {
    const { run } = await triggeredRun();
    const cases: Array<[string, Record<string, string>, number, string]> = [
      [`/runs/01890000-0000-7000-8000-000000000000/stream`, {}, 404, 'not_found'],
      [`/runs/${run.id}/stream`, { 'x-tenant': 'other' }, 404, 'not_found'],
      [`/runs/${run.id}/stream?tenant=other`, {}, 404, 'not_found'],
      [`/runs/${run.id}/stream`, { 'last-event-id': 'yesterday' }, 400, 'invalid_cursor'],
      [`/runs/${run.id}/stream?lastEventId=12.34`, {}, 400, 'invalid_cursor'],
      [`/runs/not-a-run/stream`, {}, 400, 'validation_failed'],
    ];
    for (const [path, headers, status, code] of cases) {
      const res = await fetch(`${base}/api/v1${path}`, { headers: { ...adminAuth(fx), ...headers } });
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/json');
      const envelope = ErrorEnvelope.parse(await res.json());
      expect(envelope.error.code).toBe(code);
      expect(envelope.error.traceId).toBe(res.headers.get('x-trace-id'));
    }
  });

  it('is documented in OpenAPI with its parameters, the item schema and the 400/404 envelopes', async () => {
    const doc = (await fx.app.inject({ url: '/api/openapi.json' })).json();
    const operation = doc.paths['/api/v1/runs/{id}/stream'].get;
    expect(operation.summary).toMatch(/^A run's events \(text\/event-stream\)/);
    expect(operation.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`).sort()).toEqual(['path:id', 'query:lastEventId', 'query:tenant']);
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '404']);
    expect(JSON.stringify(operation.responses['200'])).toContain('RunStreamEvent');
  });
});
