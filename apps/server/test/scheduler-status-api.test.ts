import { Run, Schedule, SchedulePage, SchedulerStatus } from '@execops/contract';
import { PgStore, Scheduler } from '@execops/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, PAYLOAD_LIMIT, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

const reason = { 'x-operator-reason': 'scheduler overview' };
const jobTarget = (jobType: string) => ({ kind: 'job', job: { jobType } });

async function post<T>(url: string, schema: { parse: (body: unknown) => T }, payload?: object): Promise<T> {
  const response = await fx.app.inject({ method: 'POST', url, headers: reason, ...(payload ? { payload } : {}) });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return schema.parse(response.json());
}

const createSchedule = (body: object) => post('/api/v1/schedules', Schedule, body);

async function status(tenant?: string): Promise<SchedulerStatus> {
  const response = await fx.app.inject({ url: '/api/v1/scheduler/status', headers: tenant ? { 'x-tenant': tenant } : {} });
  expect(response.statusCode, response.body).toBe(200);
  return SchedulerStatus.parse(response.json());
}

describe('scheduler status API', () => {
  it('is empty before anything exists, with no leader', async () => {
    const empty = await status('status-empty');
    expect(empty).toMatchObject({
      leader: null,
      schedules: { active: 0, paused: 0, disabled: 0 },
      activeRuns: { planning: 0, queued: 0, running: 0 },
      recentRuns: { planning: 0, queued: 0, running: 0, completed: 0, error: 0, cancelled: 0 },
      nextFires: [],
      missedFires: { events: 0, slots: 0, latest: [] },
    });
    expect(Date.parse(empty.generatedAt) - Date.parse(empty.since)).toBe(24 * 3600_000);
  });

  it('counts schedules by state, active and recent runs, lists the soonest fires, the missed fires and the leader', async () => {
    const yearly = await createSchedule({ name: 'st-yearly', cron: '0 0 1 1 *', target: jobTarget('status.yearly') });
    const daily = await createSchedule({ name: 'st-daily', cron: '0 3 * * *', timezone: 'Europe/Berlin', target: jobTarget('status.daily') });
    const paused = await createSchedule({ name: 'st-paused', cron: '0 4 * * *', target: jobTarget('status.paused') });
    await post(`/api/v1/schedules/${paused.id}/pause`, Schedule);
    const disabled = await createSchedule({ name: 'st-disabled', cron: '0 5 * * *', enabled: false, target: jobTarget('status.disabled') });
    // Misfired: ten minutes of missed minute slots, dropped by the skip policy.
    const minutely = await createSchedule({ name: 'st-minutely', cron: '* * * * *', misfirePolicy: 'skip', target: jobTarget('status.minutely') });
    // Skipped for overlap: its manual run is unfinished (nothing handles the job type) when its slot comes.
    const overlapping = await createSchedule({ name: 'st-overlap', cron: '* * * * *', overlapPolicy: 'skip', target: jobTarget('status.overlap') });
    const manual = await post(`/api/v1/schedules/${overlapping.id}/trigger`, Run);
    const canceled = await post(`/api/v1/schedules/${yearly.id}/trigger`, Run);
    await post(`/api/v1/runs/${canceled.id}/cancel`, { parse: (body: unknown) => body });

    await fx.db.pool.query(`UPDATE schedules SET next_fire_at = date_trunc('minute', now()) - interval '10 minutes' WHERE id = $1`, [minutely.id]);
    await fx.db.pool.query(`UPDATE schedules SET next_fire_at = date_trunc('minute', now()) WHERE id = $1`, [overlapping.id]);
    const store = new PgStore({ pool: fx.db.pool, payloadLimitBytes: PAYLOAD_LIMIT });
    await new Scheduler({ pool: fx.db.pool, insert: store.insert, holderId: 'status-test-leader' }).tick();

    const now = await status();
    expect(now.leader).toMatchObject({ holder: 'status-test-leader', term: 1, live: true });
    const leadingFor = Date.now() - Date.parse(now.leader?.since ?? '');
    expect(leadingFor).toBeGreaterThanOrEqual(0);
    expect(leadingFor).toBeLessThan(60_000);
    expect(now.schedules).toEqual({ active: 4, paused: 1, disabled: 1 });
    // Queued: the overlap schedule's manual run and the minutely schedule's on-time slot (skip drops only the
    // slots older than the grace period); the yearly one's manual run was canceled.
    const queuedRuns = (await fx.app.inject({ url: '/api/v1/runs?state=queued' })).json().items as Run[];
    expect(now.activeRuns).toEqual({ planning: 0, queued: queuedRuns.length, running: 0 });
    expect(queuedRuns.map((run) => run.id)).toContain(manual.id);
    expect(now.recentRuns.cancelled).toBe(1);
    expect(now.recentRuns.queued).toBe(queuedRuns.length);

    const fireOrder = now.nextFires.map((fire) => fire.nextFireAt);
    expect(fireOrder).toEqual([...fireOrder].sort());
    expect(now.nextFires.map((fire) => fire.scheduleId)).toEqual(expect.arrayContaining([yearly.id, daily.id, minutely.id, overlapping.id]));
    expect(now.nextFires.map((fire) => fire.scheduleId)).not.toContain(paused.id);
    expect(now.nextFires.map((fire) => fire.scheduleId)).not.toContain(disabled.id);
    expect(now.nextFires.find((fire) => fire.scheduleId === daily.id)).toMatchObject({ name: 'st-daily', cron: '0 3 * * *', timezone: 'Europe/Berlin' });

    const misfired = now.missedFires.latest.find((fire) => fire.type === 'schedule.misfired');
    const skipped = now.missedFires.latest.find((fire) => fire.type === 'schedule.fire_skipped');
    expect(misfired).toMatchObject({ scheduleId: minutely.id, scheduleName: 'st-minutely', fireAt: null });
    expect(misfired?.slots).toBeGreaterThanOrEqual(9);
    expect(skipped).toMatchObject({ scheduleId: overlapping.id, scheduleName: 'st-overlap', slots: 1 });
    expect(skipped?.fireAt).not.toBeNull();
    expect(now.missedFires.events).toBe(2);
    expect(now.missedFires.slots).toBe((misfired?.slots ?? 0) + 1);

    // Another tenant sees none of it but the leader.
    const other = await status('status-other');
    expect(other.schedules).toEqual({ active: 0, paused: 0, disabled: 0 });
    expect(other.missedFires.events).toBe(0);
    expect(other.leader?.holder).toBe('status-test-leader');
  });

  it('filters the schedules list by derived state', async () => {
    const names = async (state: string) =>
      SchedulePage.parse((await fx.app.inject({ url: `/api/v1/schedules?state=${state}&text=st-` })).json()).items.map((s) => s.name).sort();
    expect(await names('paused')).toEqual(['st-paused']);
    expect(await names('disabled')).toEqual(['st-disabled']);
    expect(await names('active')).toEqual(['st-daily', 'st-minutely', 'st-overlap', 'st-yearly']);
    expect((await fx.app.inject({ url: '/api/v1/schedules?state=sleeping' })).statusCode).toBe(400);
  });
});
