import type { CreateScheduleRequest } from '@execops/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { RunStore } from '../../src/scheduler/run-store.ts';
import { ScheduleAdmin } from '../../src/scheduler/schedule-admin.ts';
import { ScheduleConflictError, ScheduleValidationError } from '../../src/scheduler/schedule-errors.ts';
import { Scheduler } from '../../src/scheduler/scheduler.ts';
import { DagValidationError } from '../../src/dag/dag-errors.ts';
import { databaseTargets } from '../support/databases.ts';
import { OPERATOR, TENANT, useStore } from './store-fixture.ts';

describe.each(databaseTargets())('scheduler on $name PostgreSQL', (target) => {
  const fx = useStore(target);
  const admin = () => new ScheduleAdmin(fx.db.pool, fx.store.insert);
  const runs = () => new RunStore(fx.db.pool);
  const scheduler = (holderId: string, leaseMs = 30_000) => new Scheduler({ pool: fx.db.pool, insert: fx.store.insert, holderId, leaseMs });
  let seq = 0;
  const create = (overrides: Partial<CreateScheduleRequest> = {}) => {
    seq += 1;
    return admin().create(
      TENANT,
      { name: `s-${target.name}-${seq}`, cron: '* * * * *', target: { kind: 'job', job: { jobType: `sched.${seq}` } }, ...overrides },
      OPERATOR,
    );
  };
  /**
   * Makes an every-minute schedule due as if the server had been down for `minutes`: its next slot becomes that
   * many minutes before the current minute's slot, which is always within the 60 s grace period.
   */
  const rewind = async (id: string, minutes: number) => {
    await fx.db.pool.query(`UPDATE schedules SET next_fire_at = date_trunc('minute', now()) - make_interval(mins => $2) WHERE id = $1`, [id, minutes]);
  };
  // A test's schedules must not fire in later tests' ticks.
  afterEach(async () => {
    await fx.db.pool.query(`UPDATE schedules SET paused = true`);
  });
  const runsOf = async (scheduleId: string) => (await runs().list(TENANT, { scheduleId, limit: 500 })).items;
  // Every test below fires through one leader; the fencing test uses its own holders and releases.
  const leader = () => scheduler('conformance-leader');

  it('creates a schedule with its next fire time and refuses a bad cron, time zone, graph or a taken name', async () => {
    const schedule = await create({ cron: '30 2 * * *', timezone: 'Europe/Berlin' });
    expect(schedule).toMatchObject({ enabled: true, paused: false, misfirePolicy: 'skip', overlapPolicy: 'allow', maxCatchUp: 10, lastFireAt: null });
    expect(schedule.label).toBe('At 02:30 (Europe/Berlin)');
    expect(new Date(schedule.nextFireAt ?? 0).getTime()).toBeGreaterThan(Date.now());
    await expect(create({ cron: '* * *' })).rejects.toBeInstanceOf(ScheduleValidationError);
    await expect(create({ timezone: 'Europe/Atlantis' })).rejects.toThrow(/timezone: "Europe\/Atlantis" is not a known IANA time zone/);
    const cyclic = { kind: 'pipeline' as const, pipeline: { nodes: [{ key: 'a', job: { jobType: 'x' }, dependsOn: ['a'] }] } };
    await expect(create({ target: cyclic })).rejects.toBeInstanceOf(DagValidationError);
    await expect(admin().create(TENANT, { name: schedule.name, cron: '* * * * *', target: { kind: 'job', job: { jobType: 'x' } } }, OPERATOR)).rejects.toBeInstanceOf(
      ScheduleConflictError,
    );
    const { rows } = await fx.db.pool.query(`SELECT action, reason, ticket FROM audit_log WHERE target_id = $1`, [schedule.id]);
    expect(rows).toEqual([{ action: 'schedule.create', reason: OPERATOR.reason, ticket: OPERATOR.ticket }]);
  });

  it('fires a due slot once: the run, its job carrying the run id, next_fire_at advanced; a second firer adds nothing', async () => {
    const schedule = await create();
    await rewind(schedule.id, 0);
    expect(await leader().tick()).toBe(1);
    const [run] = await runsOf(schedule.id);
    expect(run).toMatchObject({ trigger: 'cron', state: 'queued', scheduleName: schedule.name, progress: { processed: 0, total: 1 } });
    expect(run?.counts.queued).toBe(1);
    const { rows: jobs } = await fx.db.pool.query(`SELECT job_type, correlation_id FROM jobs WHERE run_id = $1`, [run?.id]);
    expect(jobs).toEqual([{ job_type: schedule.target.kind === 'job' ? schedule.target.job.jobType : '', correlation_id: run?.correlationId }]);
    const after = await admin().get(TENANT, schedule.id);
    expect(after.lastFireAt).toBe(run?.fireAt);
    expect(new Date(after.nextFireAt ?? 0).getTime()).toBeGreaterThan(Date.now());

    // The slot's unique key refuses a second run even when a schedule is rewound onto a fired slot.
    await fx.db.pool.query(`UPDATE schedules SET next_fire_at = $2 WHERE id = $1`, [schedule.id, run?.fireAt]);
    await leader().tick();
    expect((await runsOf(schedule.id)).filter((r) => r.fireAt === run?.fireAt)).toHaveLength(1);
  });

  it('fires the other due schedules when one cannot fire, and reports the error', async () => {
    const broken = await create({ target: { kind: 'job', job: { jobType: 'sched.big', payload: { blob: 'x'.repeat(4096) } } } });
    const healthy = await create();
    await rewind(broken.id, 1); // the more overdue one comes first
    await rewind(healthy.id, 0);
    const errors: unknown[] = [];
    await new Scheduler({ pool: fx.db.pool, insert: fx.store.insert, holderId: 'conformance-leader', onError: (e) => errors.push(e) }).tick();
    expect(await runsOf(broken.id)).toHaveLength(0);
    expect(await runsOf(healthy.id)).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/payload/i);
  });

  it('only the lease holder fires; a new holder takes over with a higher term once the lease has expired', async () => {
    const first = scheduler('holder-a', 1_000);
    const second = scheduler('holder-b', 1_000);
    await fx.db.pool.query(`UPDATE scheduler_leader SET lease_until = now() - interval '1 second'`);
    const heldSince = async () => (await fx.db.pool.query<{ held_since: Date }>('SELECT held_since FROM scheduler_leader')).rows[0]!.held_since.getTime();
    const termA = await first.leader.acquire();
    expect(termA).not.toBeNull();
    const sinceA = await heldSince();
    expect(await second.leader.acquire()).toBeNull();
    expect(await second.tick()).toBe(0);
    // Renewing keeps the term and when it began.
    expect(await first.leader.acquire()).toBe(termA);
    expect(await heldSince()).toBe(sinceA);
    await fx.db.pool.query(`UPDATE scheduler_leader SET lease_until = now() - interval '1 second'`);
    const termB = await second.leader.acquire();
    expect(termB).toBe((termA as number) + 1);
    expect(await heldSince()).toBeGreaterThan(sinceA);
    // The deposed holder's term no longer passes the fence, so it cannot fire even mid-tick.
    expect(await first.leader.fence(fx.db.pool, termA as number)).toBe(false);
    expect(await first.leader.acquire()).toBeNull();
    await second.leader.release();
    expect(await leader().leader.acquire()).not.toBeNull();
  });

  it('applies the misfire policy to slots missed during downtime', async () => {
    const skip = await create({ misfirePolicy: 'skip' });
    const once = await create({ misfirePolicy: 'fire_once' });
    const all = await create({ misfirePolicy: 'fire_all', maxCatchUp: 3 });
    for (const s of [skip, once, all]) await rewind(s.id, 60); // an hour of slots missed, the current one on time
    await leader().tick();
    const minutesBefore = async (id: string) => {
      const fires = (await runsOf(id)).map((r) => new Date(r.fireAt ?? 0).getTime()).sort();
      const latest = fires.at(-1) ?? 0;
      return fires.map((t) => (latest - t) / 60_000);
    };
    expect(await minutesBefore(skip.id)).toEqual([0]);
    expect(await minutesBefore(once.id)).toEqual([1, 0]);
    expect(await minutesBefore(all.id)).toEqual([3, 2, 1, 0]);
    const { rows } = await fx.db.pool.query(`SELECT data FROM events WHERE topic = 'schedules' AND type = 'schedule.misfired' AND subject_id = $1`, [skip.id]);
    expect(rows[0]?.data).toMatchObject({ policy: 'skip', dropped: 60, fired: 1 });
    for (const s of [skip, once, all]) expect(new Date((await admin().get(TENANT, s.id)).nextFireAt ?? 0).getTime()).toBeGreaterThan(Date.now());
  });

  it('applies the overlap policy while the previous run is unfinished', async () => {
    // fire_all with the previous minute's slot missed: two slots fire in one pass, the second while the first run is queued.
    const skip = await create({ overlapPolicy: 'skip', misfirePolicy: 'fire_all' });
    const cancel = await create({ overlapPolicy: 'cancel_previous', misfirePolicy: 'fire_all' });
    const allow = await create({ overlapPolicy: 'allow', misfirePolicy: 'fire_all' });
    for (const s of [skip, cancel, allow]) await rewind(s.id, 1);
    await leader().tick();
    expect(await runsOf(skip.id)).toHaveLength(1);
    expect(await runsOf(allow.id)).toHaveLength(2);
    const [newest, previous] = await runsOf(cancel.id);
    expect(newest?.state).toBe('queued');
    expect(previous).toMatchObject({ state: 'cancelled', counts: { canceled: 1 } });
    const { rows } = await fx.db.pool.query(`SELECT actor FROM audit_log WHERE action = 'job.cancel' AND reason LIKE $1`, [`%${cancel.name}`]);
    expect(rows).toEqual([{ actor: 'scheduler' }]);
  });

  it('pauses without losing missed slots, disables by clearing next_fire_at, and triggers a manual run', async () => {
    const schedule = await create({ misfirePolicy: 'fire_once' });
    const paused = await admin().setPaused(TENANT, schedule.id, true, OPERATOR);
    expect(paused.paused).toBe(true);
    await expect(admin().setPaused(TENANT, schedule.id, true, OPERATOR)).rejects.toBeInstanceOf(ScheduleConflictError);
    await rewind(schedule.id, 60);
    await leader().tick();
    expect(await runsOf(schedule.id)).toHaveLength(0);
    await admin().setPaused(TENANT, schedule.id, false, OPERATOR);
    await leader().tick();
    // fire_once: the slots missed while paused become one run, besides the current slot's.
    expect(await runsOf(schedule.id)).toHaveLength(2);

    const disabled = await admin().setEnabled(TENANT, schedule.id, false, OPERATOR);
    expect(disabled).toMatchObject({ enabled: false, nextFireAt: null });
    const manual = await admin().trigger(TENANT, schedule.id, OPERATOR);
    expect(manual).toMatchObject({ trigger: 'manual', fireAt: null, scheduleId: schedule.id, state: 'queued' });
    const again = await admin().trigger(TENANT, schedule.id, OPERATOR);
    expect(again.id).not.toBe(manual.id);
    const enabled = await admin().setEnabled(TENANT, schedule.id, true, OPERATOR);
    expect(new Date(enabled.nextFireAt ?? 0).getTime()).toBeGreaterThan(Date.now());
    const { rows } = await fx.db.pool.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [schedule.id]);
    expect(rows.map((r) => r.action)).toEqual([
      'schedule.create',
      'schedule.pause',
      'schedule.resume',
      'schedule.disable',
      'schedule.trigger',
      'schedule.trigger',
      'schedule.enable',
    ]);
  });

  it('derives run state from a pipeline run’s jobs, cancels a run and retries its failed jobs into the same run', async () => {
    seq += 1;
    const type = `sched.pipe.${seq}`;
    const schedule = await create({
      target: {
        kind: 'pipeline',
        pipeline: { nodes: [{ key: 'a', job: { jobType: type, maxAttempts: 1 } }, { key: 'b', job: { jobType: type }, dependsOn: ['a'] }] },
      },
    });
    const run = await admin().trigger(TENANT, schedule.id, OPERATOR);
    expect(run).toMatchObject({ state: 'queued', progress: { processed: 0, total: 2 }, counts: { queued: 1, blocked: 1 } });
    const claimed = await fx.claimOne(type);
    expect((await runs().get(TENANT, run.id)).state).toBe('running');
    await fx.store.fail({ jobId: claimed.jobId, leaseId: claimed.leaseId, error: { code: 'boom', message: 'boom', class: 'permanent', retryable: false } });
    const failed = await runs().get(TENANT, run.id);
    expect(failed.counts.failed).toBe(1);

    const retried = await runs().retryFailed(TENANT, run.id, OPERATOR);
    expect(retried.jobIds).toHaveLength(1);
    expect(retried.run.counts.failed).toBe(0);
    expect(retried.run.progress.total).toBe(2);
    await expect(runs().retryFailed(TENANT, run.id, OPERATOR)).rejects.toBeInstanceOf(ScheduleConflictError);

    const canceled = await runs().cancel(TENANT, run.id, OPERATOR);
    expect(canceled.run.state).toBe('cancelled');
    await expect(runs().cancel(TENANT, run.id, OPERATOR)).rejects.toBeInstanceOf(ScheduleConflictError);
    const listed = await runs().list(TENANT, { scheduleId: schedule.id, state: ['cancelled'], trigger: ['manual'], limit: 10 });
    expect(listed.items.map((r) => r.id)).toEqual([run.id]);
  });
});
