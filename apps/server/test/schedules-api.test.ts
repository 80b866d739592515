import { ErrorEnvelope, Run, RunActionResponse, RunPage, Schedule, SchedulePage, SchedulePreview, StreamEvent } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

const reason = { 'x-operator-reason': 'nightly exports', 'x-operator-ticket': 'CHG-5' };
const jobTarget = (jobType: string) => ({ kind: 'job', job: { jobType, payload: { n: 1 } } });

async function createSchedule(body: object) {
  const response = await fx.app.inject({ method: 'POST', url: '/api/v1/schedules', headers: reason, payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return Schedule.parse(response.json());
}

describe('schedules API', () => {
  it('creates, gets, lists, changes and deletes a schedule, each change audited', async () => {
    const created = await createSchedule({ name: 'api-crud', cron: '0 3 * * 1-5', timezone: 'Europe/Berlin', target: jobTarget('api.crud') });
    expect(created).toMatchObject({ name: 'api-crud', label: 'At 03:00, Monday through Friday (Europe/Berlin)', enabled: true, paused: false });
    expect(Schedule.parse((await fx.app.inject({ url: `/api/v1/schedules/${created.id}` })).json())).toEqual(created);
    const listed = SchedulePage.parse((await fx.app.inject({ url: '/api/v1/schedules?text=api-crud' })).json());
    expect(listed.items.map((s) => s.id)).toEqual([created.id]);

    const patched = await fx.app.inject({ method: 'PATCH', url: `/api/v1/schedules/${created.id}`, headers: reason, payload: { cron: '*/5 * * * *', overlapPolicy: 'skip' } });
    expect(Schedule.parse(patched.json())).toMatchObject({ cron: '*/5 * * * *', overlapPolicy: 'skip', label: 'Every 5 minutes (Europe/Berlin)' });
    const disabled = Schedule.parse((await fx.app.inject({ method: 'POST', url: `/api/v1/schedules/${created.id}/disable`, headers: reason })).json());
    expect(disabled).toMatchObject({ enabled: false, nextFireAt: null });
    const deleted = await fx.app.inject({ method: 'DELETE', url: `/api/v1/schedules/${created.id}`, headers: reason });
    expect(deleted.statusCode).toBe(200);
    expect((await fx.app.inject({ url: `/api/v1/schedules/${created.id}` })).statusCode).toBe(404);

    const audit = (await fx.app.inject({ url: `/api/v1/audit?targetType=schedule&targetId=${created.id}` })).json();
    expect(audit.items.map((e: { action: string; ticket: string }) => [e.action, e.ticket])).toEqual([
      ['schedule.delete', 'CHG-5'],
      ['schedule.disable', 'CHG-5'],
      ['schedule.update', 'CHG-5'],
      ['schedule.create', 'CHG-5'],
    ]);
  });

  it('answers 422 naming the field for a bad cron or time zone, 400 without a reason, 409 for a taken name', async () => {
    const badCron = await fx.app.inject({ method: 'POST', url: '/api/v1/schedules', headers: reason, payload: { name: 'bad', cron: '0 25 * * *', target: jobTarget('x') } });
    expect(badCron.statusCode).toBe(422);
    expect(ErrorEnvelope.parse(badCron.json()).error).toMatchObject({
      code: 'validation_failed',
      message: 'cron: "0 25 * * *" is not a valid cron expression: Invalid value for hour: 25',
      details: { field: 'cron' },
    });
    const badZone = await fx.app.inject({ method: 'POST', url: '/api/v1/schedules/preview', payload: { cron: '* * * * *', timezone: 'Berlin' } });
    expect(badZone.statusCode).toBe(422);
    expect(ErrorEnvelope.parse(badZone.json()).error.message).toMatch(/^timezone: "Berlin" is not a known IANA time zone/);
    expect(ErrorEnvelope.parse(badZone.json()).error.traceId).toBe(badZone.headers['x-trace-id']);
    const noReason = await fx.app.inject({ method: 'POST', url: '/api/v1/schedules', payload: { name: 'nr', cron: '* * * * *', target: jobTarget('x') } });
    expect(noReason.statusCode).toBe(400);
    await createSchedule({ name: 'taken', cron: '* * * * *', target: jobTarget('x') });
    const taken = await fx.app.inject({ method: 'POST', url: '/api/v1/schedules', headers: reason, payload: { name: 'taken', cron: '* * * * *', target: jobTarget('x') } });
    expect(taken.statusCode).toBe(409);
    const badTarget = await fx.app.inject({ method: 'POST', url: '/api/v1/schedules', headers: reason, payload: { name: 'bt', cron: '* * * * *', target: { kind: 'job', job: { jobType: 'x', runAt: '2026-01-01T00:00:00Z' } } } });
    expect(badTarget.statusCode).toBe(400);
  });

  it('previews the next 10 fires of an unsaved cron and of a saved schedule, in the zone', async () => {
    const preview = SchedulePreview.parse(
      (await fx.app.inject({ method: 'POST', url: '/api/v1/schedules/preview', payload: { cron: '30 2 * * *', timezone: 'Europe/Berlin', from: '2026-03-28T00:00:00Z' } })).json(),
    );
    expect(preview.label).toBe('At 02:30 (Europe/Berlin)');
    expect(preview.fires).toHaveLength(10);
    expect(preview.fires[1]).toEqual({ at: '2026-03-29T01:00:00.000Z', local: '2026-03-29 03:00:00 +02:00' });
    const saved = await createSchedule({ name: 'api-preview', cron: '*/2 * * * * *', target: jobTarget('api.preview') });
    const savedPreview = SchedulePreview.parse((await fx.app.inject({ url: `/api/v1/schedules/${saved.id}/preview` })).json());
    expect(savedPreview).toMatchObject({ cron: '*/2 * * * * *', timezone: 'UTC', label: 'Every 2 seconds (UTC)' });
    const times = savedPreview.fires.map((f) => new Date(f.at).getTime());
    expect(times.slice(1).map((t, i) => t - (times[i] as number))).toEqual(Array(9).fill(2000));
  });

  it('pauses and resumes (409 when repeated), triggers a manual run and lists, cancels and retries runs', async () => {
    const schedule = await createSchedule({ name: 'api-runs', cron: '0 0 1 1 *', target: jobTarget('api.runs') });
    expect(Schedule.parse((await fx.app.inject({ method: 'POST', url: `/api/v1/schedules/${schedule.id}/pause`, headers: reason })).json()).paused).toBe(true);
    expect((await fx.app.inject({ method: 'POST', url: `/api/v1/schedules/${schedule.id}/pause`, headers: reason })).statusCode).toBe(409);
    expect(Schedule.parse((await fx.app.inject({ method: 'POST', url: `/api/v1/schedules/${schedule.id}/resume`, headers: reason })).json()).paused).toBe(false);

    const triggered = await fx.app.inject({ method: 'POST', url: `/api/v1/schedules/${schedule.id}/trigger`, headers: reason });
    expect(triggered.statusCode).toBe(201);
    const run = Run.parse(triggered.json());
    expect(run).toMatchObject({ trigger: 'manual', state: 'queued', scheduleId: schedule.id, scheduleName: 'api-runs', progress: { processed: 0, total: 1 } });
    const { rows } = await fx.db.pool.query(`SELECT run_id, payload FROM jobs WHERE job_type = 'api.runs'`);
    expect(rows).toEqual([{ run_id: run.id, payload: { n: 1 } }]);

    const listed = RunPage.parse((await fx.app.inject({ url: `/api/v1/runs?scheduleId=${schedule.id}&trigger=manual&state=queued` })).json());
    expect(listed.items.map((r) => r.id)).toEqual([run.id]);
    expect(RunPage.parse((await fx.app.inject({ url: `/api/v1/runs?scheduleId=${schedule.id}&state=completed` })).json()).items).toEqual([]);
    expect(Run.parse((await fx.app.inject({ url: `/api/v1/runs/${run.id}` })).json()).id).toBe(run.id);
    expect((await fx.app.inject({ url: '/api/v1/runs?state=sleeping' })).statusCode).toBe(400);

    const canceled = await fx.app.inject({ method: 'POST', url: `/api/v1/runs/${run.id}/cancel`, headers: reason });
    expect(RunActionResponse.parse(canceled.json())).toMatchObject({ run: { state: 'cancelled', counts: { canceled: 1 } } });
    expect((await fx.app.inject({ method: 'POST', url: `/api/v1/runs/${run.id}/cancel`, headers: reason })).statusCode).toBe(409);
    expect((await fx.app.inject({ method: 'POST', url: `/api/v1/runs/${run.id}/retry-failed`, headers: reason })).statusCode).toBe(409);
    expect((await fx.app.inject({ method: 'POST', url: '/api/v1/runs/0190b5a0-0000-7000-8000-000000000000/cancel', headers: reason })).statusCode).toBe(404);

    const events = await fx.db.pool.query(`SELECT topic, type, subject_id FROM events WHERE topic IN ('runs', 'schedules') AND (subject_id = $1 OR subject_id = $2) ORDER BY id`, [
      run.id,
      schedule.id,
    ]);
    expect(events.rows.map((e) => StreamEvent.shape.type.parse(e.type))).toEqual([
      'schedule.created',
      'schedule.paused',
      'schedule.resumed',
      'run.created',
      'schedule.fired',
      'run.cancel_requested',
    ]);
  });
});
