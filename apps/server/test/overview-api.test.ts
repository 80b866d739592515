import { ErrorEnvelope, LeaseJobsResponse, Overview, OVERVIEW_AREAS, OVERVIEW_THRESHOLDS, RegisterWorkerResponse, TenantList, type OverviewAreaId } from '@execops/contract';
import { PgStore, Scheduler } from '@execops/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, PAYLOAD_LIMIT, type AppFixture } from './app-fixture.ts';
import { deadLetterHelpers } from './dead-letter-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

const { post, failJobs } = deadLetterHelpers(() => fx);
const operator = { 'x-operator-reason': 'overview test' };

async function overview(tenant: string): Promise<Overview> {
  const res = await fx.app.inject({ url: '/api/v1/overview', headers: { 'x-tenant': tenant } });
  expect(res.statusCode, res.body).toBe(200);
  return Overview.parse(res.json());
}

async function card(tenant: string, area: OverviewAreaId) {
  const found = (await overview(tenant)).areas.find((a) => a.area === area);
  if (!found) throw new Error(`no ${area} card`);
  return found;
}

async function enqueueMany(tenant: string, queue: string, count: number): Promise<void> {
  const res = await post('/jobs/batch', { jobs: Array.from({ length: count }, () => ({ jobType: `ov.${queue}`, queue })) }, { 'x-tenant': tenant });
  expect(res.statusCode, res.body).toBe(201);
}

async function registerWorker(jobType: string): Promise<string> {
  return RegisterWorkerResponse.parse((await post('/worker/register', { name: 'overview-test', host: 'test', jobTypes: [jobType], concurrency: 100 })).json()).workerId;
}

describe('GET /api/v1/overview', () => {
  it('answers one card per area, the worst status overall, and an honest scanner card', async () => {
    const answer = await overview('ov-cards');
    expect(answer.tenant).toBe('ov-cards');
    expect(answer.areas.map((a) => a.area)).toEqual([...OVERVIEW_AREAS]);
    const scanner = answer.areas.find((a) => a.area === 'scanner');
    expect(scanner).toMatchObject({ status: 'INFO', summary: 'No scanner data: no offline kit imported', figures: [], link: { to: '/ops/scanner-ops' } });
    const ranks = answer.areas.map((a) => ['BLOCKING', 'DEGRADED', 'INFO'].indexOf(a.status));
    expect(['BLOCKING', 'DEGRADED', 'INFO'].indexOf(answer.status)).toBe(Math.min(...ranks));
  });

  it('JobEngine: DEGRADED from 100 queued jobs in a queue, BLOCKING from 500, with a link to those jobs', async () => {
    const { warn, fail } = OVERVIEW_THRESHOLDS.queueDepth;
    await enqueueMany('ov-depth', 'mail', warn - 1);
    expect(await card('ov-depth', 'jobEngine')).toMatchObject({ status: 'INFO', reasons: [] });

    await enqueueMany('ov-depth', 'mail', 1);
    const degraded = await card('ov-depth', 'jobEngine');
    expect(degraded.status).toBe('DEGRADED');
    expect(degraded.reasons[0]).toMatchObject({
      status: 'DEGRADED',
      code: 'queue_depth',
      value: warn,
      threshold: warn,
      link: { to: '/ops/operations/jobengine/jobs', search: { state: 'queued', queue: 'mail' } },
    });
    expect(degraded.figures.find((f) => f.label === 'Queued')?.value).toBe(warn);

    await enqueueMany('ov-depth', 'mail', fail - warn);
    const blocking = await card('ov-depth', 'jobEngine');
    expect(blocking.status).toBe('BLOCKING');
    expect(blocking.reasons[0]).toMatchObject({ code: 'queue_depth', value: fail, threshold: fail });
    // Another tenant's backlog is not this tenant's.
    expect((await card('ov-depth-other', 'jobEngine')).status).toBe('INFO');
  });

  it('JobEngine: DEGRADED when a queue with a backlog finishes fewer than 10 jobs a minute, clear once it keeps up', async () => {
    const tenant = 'ov-flow';
    await enqueueMany(tenant, 'slow', 60);
    // The backlog has waited two minutes (the clock is the database's; moving run_at back is the same as waiting).
    await fx.db.pool.query(`UPDATE jobs SET run_at = now() - interval '2 minutes' WHERE tenant = $1`, [tenant]);
    const slow = await card(tenant, 'jobEngine');
    expect(slow.status).toBe('DEGRADED');
    expect(slow.reasons[0]).toMatchObject({ code: 'low_throughput', value: 0, threshold: OVERVIEW_THRESHOLDS.throughputPerMinuteMin });
    expect(slow.reasons[0]?.link?.search).toEqual({ state: 'queued', queue: 'slow' });

    // 50 jobs finished in the 5-minute window: 10 a minute, the queue keeps up.
    const workerId = await registerWorker('ov.slow');
    const { jobs } = LeaseJobsResponse.parse((await post('/worker/lease', { workerId, jobTypes: ['ov.slow'], limit: 50 })).json());
    expect(jobs).toHaveLength(50);
    for (const job of jobs) expect((await post(`/worker/jobs/${job.jobId}/complete`, { leaseId: job.leaseId })).statusCode).toBe(200);
    const keepingUp = await card(tenant, 'jobEngine');
    expect(keepingUp.reasons.filter((r) => r.code === 'low_throughput')).toEqual([]);
    expect(keepingUp.figures.find((f) => f.unit === 'perMinute')?.value).toBe(10);
  });

  it('Dead-Letter: DEGRADED from 10 open entries, BLOCKING from 50, linking to the open entries', async () => {
    const tenant = 'ov-dlq';
    const { warn, fail } = OVERVIEW_THRESHOLDS.deadLetterOpen;
    await failJobs('ov.dlq', warn - 1, undefined, tenant);
    expect(await card(tenant, 'deadLetter')).toMatchObject({ status: 'INFO', reasons: [] });
    await failJobs('ov.dlq', 1, undefined, tenant);
    const degraded = await card(tenant, 'deadLetter');
    expect(degraded.status).toBe('DEGRADED');
    expect(degraded.reasons[0]).toMatchObject({ code: 'dead_letter_open', value: warn, link: { to: '/ops/operations/dead-letter/queue', search: { status: 'open' } } });
    expect(degraded.figures.find((f) => f.label === 'Open')?.value).toBe(warn);
    await failJobs('ov.dlq', fail - warn, undefined, tenant);
    expect((await card(tenant, 'deadLetter')).status).toBe('BLOCKING');
  });

  it('Worker fleet: BLOCKING with every worker drained, back once one is resumed', async () => {
    const workerId = await registerWorker('ov.fleet');
    const active = (await fx.app.inject({ url: '/api/v1/workers?state=active' })).json() as { items: Array<{ id: string }> };
    const drainAll = async () => {
      for (const { id } of active.items) expect((await post(`/workers/${id}/drain`, undefined, operator)).statusCode).toBe(200);
    };
    expect((await card('ov-fleet', 'workers')).status).toBe('INFO');
    await drainAll();
    const blocked = await card('ov-fleet', 'workers');
    expect(blocked.status).toBe('BLOCKING');
    expect(blocked.reasons[0]).toMatchObject({ code: 'no_active_worker', value: 0, link: { to: '/ops/operations/scheduler/workers', search: { state: 'draining' } } });
    expect(blocked.figures.find((f) => f.label === 'Active')?.value).toBe(0);
    expect((await post(`/workers/${workerId}/resume`, undefined, operator)).statusCode).toBe(200);
    expect((await card('ov-fleet', 'workers')).status).toBe('INFO');
    for (const { id } of active.items.filter((w) => w.id !== workerId)) await post(`/workers/${id}/resume`, undefined, operator);
  });

  it('Scheduler: an overdue schedule is DEGRADED, and so are the fires its misfire policy dropped', async () => {
    const tenant = 'ov-sched';
    const created = await post(
      '/schedules',
      { name: 'every-minute', cron: '* * * * *', target: { kind: 'job', job: { jobType: 'ov.cron' } }, misfirePolicy: 'skip' },
      { ...operator, 'x-tenant': tenant },
    );
    expect(created.statusCode, created.body).toBe(201);
    expect((await card(tenant, 'scheduler')).status).toBe('INFO');

    // Ten minutes without a scheduler: the schedule is overdue.
    await fx.db.pool.query(`UPDATE schedules SET next_fire_at = date_trunc('minute', now()) - interval '10 minutes' WHERE tenant = $1`, [tenant]);
    const overdue = await card(tenant, 'scheduler');
    expect(overdue.status).toBe('DEGRADED');
    expect(overdue.reasons[0]).toMatchObject({ code: 'schedule_overdue', value: 1, link: { to: '/ops/operations/scheduler/schedules', search: { state: 'active' } } });

    // A scheduler comes back: the missed slots are dropped (policy skip), which stays visible for 24 hours.
    const store = new PgStore({ pool: fx.db.pool, payloadLimitBytes: PAYLOAD_LIMIT });
    await new Scheduler({ pool: fx.db.pool, insert: store.insert, holderId: 'overview-test' }).tick();
    const missed = await card(tenant, 'scheduler');
    expect(missed.status).toBe('DEGRADED');
    expect(missed.reasons.map((r) => r.code)).toEqual(['missed_fires']);
    expect(missed.reasons[0]?.link).toMatchObject({ to: '/ops/operations/scheduler' });
    expect(missed.reasons[0]?.value).toBeGreaterThanOrEqual(8);
  });

  it('Quotas: paused quotas and throttled jobs are reported as INFO with links', async () => {
    const tenant = 'ov-quota';
    const created = await post('/quotas', { jobType: 'ov.q', maxActive: 1, paused: true }, { ...operator, 'x-tenant': tenant });
    expect(created.statusCode, created.body).toBe(201);
    const quotas = await card(tenant, 'quotas');
    expect(quotas.status).toBe('INFO');
    expect(quotas.reasons[0]).toMatchObject({ code: 'quota_paused', value: 1, link: { to: '/ops/operations/jobengine/quotas' } });
    expect(quotas.figures.map((f) => [f.label, f.value])).toEqual([['Quotas', 1], ['Paused', 1], ['Throttled jobs', 0]]);
  });

  it('answers 400 for a bad tenant', async () => {
    const res = await fx.app.inject({ url: '/api/v1/overview', headers: { 'x-tenant': 'Not OK' } });
    expect(res.statusCode).toBe(400);
    expect(ErrorEnvelope.parse(res.json()).error.code).toBe('bad_request');
  });
});

describe('GET /api/v1/tenants', () => {
  it('lists the default tenant and every tenant with jobs, schedules or quotas, once each, sorted', async () => {
    const { items } = TenantList.parse((await fx.app.inject({ url: '/api/v1/tenants' })).json());
    expect(items).toEqual([...items].sort());
    expect(new Set(items).size).toBe(items.length);
    for (const tenant of ['default', 'ov-depth', 'ov-dlq', 'ov-flow', 'ov-sched', 'ov-quota']) expect(items).toContain(tenant);
    // Reading another tenant's overview creates nothing.
    expect(items).not.toContain('ov-depth-other');
  });
});
