import { hostname } from 'node:os';
import type { OperatorContext } from '@execops/contract';
import { faultPoint } from '@execops/contract/fault-points';
import type { JobInserter } from '../dag/dag-enqueue.ts';
import { withTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { uuidv7 } from '../ids.ts';
import { cancelJobInTransaction } from '../operations/job-operations.ts';
import { JobStateConflictError } from '../store/errors.ts';
import { CronSchedule } from './cron.ts';
import { SchedulerLeader } from './leader.ts';
import { DEFAULT_MISFIRE_GRACE_MS, planFires } from './misfire.ts';
import { startRun } from './run-start.ts';
import type { ScheduleRow } from './scheduler-rows.ts';
import { ADVANCE_SCHEDULE_SQL, DUE_SCHEDULES_SQL, INSERT_EVENT_SQL, LOCK_DUE_SCHEDULE_SQL, UNFINISHED_SCHEDULE_JOBS_SQL } from './scheduler-sql.ts';

export interface SchedulerOptions {
  pool: Pool;
  /** The store's job insert (`PgStore.insert`), run on the firing transaction. */
  insert: JobInserter;
  /** Unique per process; default host:pid:uuid. */
  holderId?: string;
  /** Leader lease; a new leader takes over this long after the last renewal. Default 10 s. */
  leaseMs?: number;
  /** How often the leader looks for due schedules (and renews). Default 1 s. */
  tickMs?: number;
  misfireGraceMs?: number;
  onError?: (error: unknown) => void;
}

const DUE_BATCH = 100;

/**
 * Fires due schedules while this process holds the leader lease. Each schedule fires in its own transaction:
 * fence check, the schedule row locked, each slot's run inserted (unique on schedule and slot) with its jobs,
 * and `next_fire_at` advanced, all committed together.
 */
export class Scheduler {
  readonly leader: SchedulerLeader;
  private readonly pool: Pool;
  private readonly insert: JobInserter;
  private readonly tickMs: number;
  private readonly graceMs: number;
  private readonly onError: (error: unknown) => void;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(options: SchedulerOptions) {
    this.pool = options.pool;
    this.insert = options.insert;
    this.leader = new SchedulerLeader(options.pool, options.holderId ?? `${hostname()}:${process.pid}:${uuidv7()}`, options.leaseMs ?? 10_000);
    this.tickMs = options.tickMs ?? 1000;
    this.graceMs = options.misfireGraceMs ?? DEFAULT_MISFIRE_GRACE_MS;
    this.onError = options.onError ?? (() => undefined);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await this.leader.release().catch(this.onError);
  }

  /** One pass: acquire or renew the lease, then fire every due schedule. Returns the runs started. */
  async tick(): Promise<number> {
    const term = await this.leader.acquire();
    if (term === null) return 0;
    const { rows } = await this.pool.query<{ id: string }>(DUE_SCHEDULES_SQL, [DUE_BATCH]);
    let started = 0;
    for (const { id } of rows) {
      let fired: number | null;
      try {
        fired = await this.fire(id, term);
      } catch (error) {
        // One schedule that cannot fire (say, its payload grew past the limit) must not hold up the others.
        this.onError(error);
        continue;
      }
      if (fired === null) break;
      started += fired;
    }
    return started;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch(this.onError)
        .finally(() => this.schedule(this.tickMs));
    }, delayMs);
  }

  /** Runs started for one schedule, or null when the lease was lost (stop firing). */
  private fire(scheduleId: string, term: number): Promise<number | null> {
    return withTransaction(this.pool, async (client) => {
      if (!(await this.leader.fence(client, term))) return null;
      const { rows } = await client.query<ScheduleRow & { db_now: Date }>(LOCK_DUE_SCHEDULE_SQL, [scheduleId]);
      const row = rows[0];
      if (!row?.next_fire_at) return 0;
      const plan = planFires({
        cron: CronSchedule.parse(row.cron, row.timezone),
        nextFireAt: row.next_fire_at,
        now: row.db_now,
        policy: row.misfire_policy,
        maxCatchUp: row.max_catch_up,
        graceMs: this.graceMs,
      });
      let started = 0;
      let lastFire: Date | null = null;
      for (const fireAt of plan.fires) {
        if (!(await this.admitOverlap(client, row, fireAt))) continue;
        const run = await startRun(client, this.insert, { tenant: row.tenant, scheduleId: row.id, target: row.target, trigger: 'cron', fireAt });
        if (run) started++;
        lastFire = fireAt;
        faultPoint('cron-fire');
      }
      if (plan.dropped > 0) {
        await event(client, row, 'schedule.misfired', { dropped: plan.dropped, policy: row.misfire_policy, fired: plan.fires.length });
      }
      await client.query(ADVANCE_SCHEDULE_SQL, [row.id, plan.nextFireAt, lastFire]);
      return started;
    });
  }

  /** Applies the overlap policy before a fire; false when this fire is skipped. */
  private async admitOverlap(client: PoolClient, row: ScheduleRow, fireAt: Date): Promise<boolean> {
    if (row.overlap_policy === 'allow') return true;
    const { rows } = await client.query<{ id: string; run_id: string }>(UNFINISHED_SCHEDULE_JOBS_SQL, [row.id]);
    if (rows.length === 0) return true;
    const runIds = [...new Set(rows.map((r) => r.run_id))];
    if (row.overlap_policy === 'skip') {
      await event(client, row, 'schedule.fire_skipped', { fireAt: fireAt.toISOString(), reason: 'overlap', unfinishedRunIds: runIds });
      return false;
    }
    const operator: OperatorContext = { actor: 'scheduler', reason: `overlap policy cancel_previous of schedule ${row.name}` };
    for (const job of rows) {
      try {
        await cancelJobInTransaction(client, row.tenant, job.id, operator);
      } catch (error) {
        // The job finished between the listing and its lock: nothing left to cancel.
        if (!(error instanceof JobStateConflictError)) throw error;
      }
    }
    await event(client, row, 'schedule.previous_canceled', { fireAt: fireAt.toISOString(), canceledRunIds: runIds, jobs: rows.length });
    return true;
  }
}

function event(client: PoolClient, row: ScheduleRow, type: string, data: object) {
  return client.query(INSERT_EVENT_SQL, [row.tenant, 'schedules', type, row.id, JSON.stringify(data)]);
}
