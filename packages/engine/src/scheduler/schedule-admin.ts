import type {
  CreateScheduleRequest,
  ListSchedulesQuery,
  OperatorContext,
  Run,
  Schedule,
  SchedulePage,
  SchedulePreview,
  SchedulePreviewRequest,
  ScheduleState,
  UpdateScheduleRequest,
} from '@execops/contract';
import { recordAudit } from '../audit/audit-log.ts';
import type { JobInserter } from '../dag/dag-enqueue.ts';
import { pipelineEdges } from '../dag/pipeline-graph.ts';
import { withTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { uuidv7 } from '../ids.ts';
import { InvalidCursorError } from '../store/errors.ts';
import { CronSchedule, DEFAULT_TIMEZONE } from './cron.ts';
import { startRun } from './run-start.ts';
import { readRun } from './run-store.ts';
import { ScheduleConflictError, ScheduleNotFoundError } from './schedule-errors.ts';
import { toSchedule, type ScheduleRow } from './scheduler-rows.ts';
import {
  DELETE_SCHEDULE_SQL,
  GET_SCHEDULE_SQL,
  INSERT_EVENT_SQL,
  INSERT_SCHEDULE_SQL,
  LOCK_SCHEDULE_SQL,
  NAME_TAKEN_SQL,
  UPDATE_SCHEDULE_SQL,
} from './scheduler-sql.ts';

const DEFAULT_MAX_CATCH_UP = 10;
/** The condition of each derived schedule state (see `scheduleState`). */
const SCHEDULE_STATE_SQL: Record<ScheduleState, string> = {
  active: 'enabled AND NOT paused',
  paused: 'enabled AND paused',
  disabled: 'NOT enabled',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Audit action → the event on topic `schedules`. */
const SCHEDULE_EVENTS = {
  'schedule.create': 'schedule.created',
  'schedule.update': 'schedule.updated',
  'schedule.enable': 'schedule.enabled',
  'schedule.disable': 'schedule.disabled',
  'schedule.pause': 'schedule.paused',
  'schedule.resume': 'schedule.resumed',
  'schedule.delete': 'schedule.deleted',
} as const;
type ScheduleAction = keyof typeof SCHEDULE_EVENTS;

type ScheduleSettings = Required<Omit<CreateScheduleRequest, 'description'>> & { description: string; paused: boolean };

/**
 * Schedules: CRUD, enable/disable, pause/resume and trigger now, each audited in its transaction. Disabling
 * clears `nextFireAt` (enabling starts from now: no catch-up); pausing keeps it, so resuming applies the misfire
 * policy to the slots missed while paused.
 */
export class ScheduleAdmin {
  constructor(
    private readonly pool: Pool,
    private readonly insert: JobInserter,
  ) {}

  preview(request: SchedulePreviewRequest): SchedulePreview {
    const from = request.from ? new Date(request.from) : new Date();
    return CronSchedule.parse(request.cron, request.timezone ?? DEFAULT_TIMEZONE).preview(from);
  }

  async previewOf(tenant: string, id: string): Promise<SchedulePreview> {
    const row = await this.row(this.pool, tenant, id);
    return CronSchedule.parse(row.cron, row.timezone).preview(new Date());
  }

  async get(tenant: string, id: string): Promise<Schedule> {
    return toSchedule(await this.row(this.pool, tenant, id));
  }

  /** Newest first; the cursor is the last id seen. */
  async list(tenant: string, query: ListSchedulesQuery): Promise<SchedulePage> {
    const values: unknown[] = [tenant];
    const where = ['tenant = $1'];
    const param = (value: unknown) => `$${values.push(value)}`;
    if (query.enabled) where.push(`enabled = ${param(query.enabled === 'true')}`);
    if (query.state) where.push(SCHEDULE_STATE_SQL[query.state]);
    if (query.text) where.push(`(name ILIKE ${param(`%${query.text}%`)} OR description ILIKE $${values.length})`);
    if (query.cursor) {
      if (!UUID.test(query.cursor)) throw new InvalidCursorError();
      where.push(`id < ${param(query.cursor)}::uuid`);
    }
    const { rows } = await this.pool.query<ScheduleRow>(
      `SELECT * FROM schedules WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${param(query.limit + 1)}`,
      values,
    );
    const page = rows.slice(0, query.limit);
    return { items: page.map(toSchedule), nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
  }

  async create(tenant: string, request: CreateScheduleRequest, operator: OperatorContext): Promise<Schedule> {
    const settings: ScheduleSettings = {
      name: request.name,
      description: request.description ?? '',
      cron: request.cron,
      timezone: request.timezone ?? DEFAULT_TIMEZONE,
      enabled: request.enabled ?? true,
      paused: false,
      target: request.target,
      misfirePolicy: request.misfirePolicy ?? 'skip',
      maxCatchUp: request.maxCatchUp ?? DEFAULT_MAX_CATCH_UP,
      overlapPolicy: request.overlapPolicy ?? 'allow',
    };
    const cron = validate(settings);
    return withTransaction(this.pool, async (client) => {
      const now = await dbNow(client);
      const { rows } = await client.query<ScheduleRow>(INSERT_SCHEDULE_SQL, [
        uuidv7(),
        tenant,
        settings.name,
        settings.description,
        cron.expression,
        settings.timezone,
        settings.enabled,
        JSON.stringify(settings.target),
        settings.misfirePolicy,
        settings.maxCatchUp,
        settings.overlapPolicy,
        settings.enabled ? cron.next(now) : null,
      ]);
      const row = rows[0];
      if (!row) throw new ScheduleConflictError(`a schedule named ${settings.name} already exists in tenant ${tenant}`);
      const schedule = toSchedule(row);
      await this.record(client, operator, 'schedule.create', row, undefined, schedule);
      return schedule;
    });
  }

  update(tenant: string, id: string, request: UpdateScheduleRequest, operator: OperatorContext, action: ScheduleAction = 'schedule.update'): Promise<Schedule> {
    return withTransaction(this.pool, async (client) => {
      const before = await this.row(client, tenant, id, true);
      const settings: ScheduleSettings = { ...settingsOf(before), ...request };
      const cron = validate(settings);
      if (settings.name !== before.name && (await client.query(NAME_TAKEN_SQL, [tenant, settings.name, id])).rows.length > 0) {
        throw new ScheduleConflictError(`a schedule named ${settings.name} already exists in tenant ${tenant}`);
      }
      const timingChanged = cron.expression !== before.cron || settings.timezone !== before.timezone || !before.enabled;
      const nextFireAt = !settings.enabled ? null : timingChanged ? cron.next(await dbNow(client)) : before.next_fire_at;
      return this.save(client, operator, action, before, settings, cron.expression, nextFireAt);
    });
  }

  setEnabled(tenant: string, id: string, enabled: boolean, operator: OperatorContext): Promise<Schedule> {
    return this.update(tenant, id, { enabled }, operator, enabled ? 'schedule.enable' : 'schedule.disable');
  }

  setPaused(tenant: string, id: string, paused: boolean, operator: OperatorContext): Promise<Schedule> {
    return withTransaction(this.pool, async (client) => {
      const before = await this.row(client, tenant, id, true);
      if (before.paused === paused) throw new ScheduleConflictError(`schedule ${before.name} is ${paused ? 'already paused' : 'not paused'}`);
      const settings: ScheduleSettings = { ...settingsOf(before), paused };
      return this.save(client, operator, paused ? 'schedule.pause' : 'schedule.resume', before, settings, before.cron, before.next_fire_at);
    });
  }

  delete(tenant: string, id: string, operator: OperatorContext): Promise<Schedule> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<ScheduleRow>(DELETE_SCHEDULE_SQL, [tenant, id]);
      const row = rows[0];
      if (!row) throw new ScheduleNotFoundError(id);
      const schedule = toSchedule(row);
      await this.record(client, operator, 'schedule.delete', row, schedule, undefined);
      return schedule;
    });
  }

  /** A manual run now, whatever the schedule's state; no slot limits it and the overlap policy does not apply. */
  trigger(tenant: string, id: string, operator: OperatorContext): Promise<Run> {
    return withTransaction(this.pool, async (client) => {
      const row = await this.row(client, tenant, id, true);
      const started = await startRun(client, this.insert, { tenant, scheduleId: id, target: row.target, trigger: 'manual', fireAt: null });
      if (!started) throw new Error('a manual run has no slot to conflict on');
      await recordAudit(client, [
        { tenant, operator, action: 'schedule.trigger', targetType: 'schedule', targetId: id, after: { runId: started.runId, jobIds: started.jobIds } },
      ]);
      return readRun(client, tenant, started.runId);
    });
  }

  private async save(
    client: PoolClient,
    operator: OperatorContext,
    action: ScheduleAction,
    before: ScheduleRow,
    settings: ScheduleSettings,
    cron: string,
    nextFireAt: Date | null,
  ): Promise<Schedule> {
    const { rows } = await client.query<ScheduleRow>(UPDATE_SCHEDULE_SQL, [
      before.tenant,
      before.id,
      settings.name,
      settings.description,
      cron,
      settings.timezone,
      settings.enabled,
      settings.paused,
      JSON.stringify(settings.target),
      settings.misfirePolicy,
      settings.maxCatchUp,
      settings.overlapPolicy,
      nextFireAt,
    ]);
    const row = rows[0] as ScheduleRow;
    const schedule = toSchedule(row);
    await this.record(client, operator, action, row, toSchedule(before), schedule);
    return schedule;
  }

  private async record(client: PoolClient, operator: OperatorContext, action: ScheduleAction, row: ScheduleRow, before?: Schedule, after?: Schedule) {
    await recordAudit(client, [{ tenant: row.tenant, operator, action, targetType: 'schedule', targetId: row.id, before, after }]);
    await client.query(INSERT_EVENT_SQL, [
      row.tenant,
      'schedules',
      SCHEDULE_EVENTS[action],
      row.id,
      JSON.stringify({ name: row.name, enabled: row.enabled, paused: row.paused, nextFireAt: row.next_fire_at?.toISOString() ?? null }),
    ]);
  }

  private async row(db: Pool | PoolClient, tenant: string, id: string, lock = false): Promise<ScheduleRow> {
    const { rows } = await db.query<ScheduleRow>(lock ? LOCK_SCHEDULE_SQL : GET_SCHEDULE_SQL, [tenant, id]);
    if (!rows[0]) throw new ScheduleNotFoundError(id);
    return rows[0];
  }
}

/** Checks cron, time zone and a pipeline target's graph before anything is written. */
function validate(settings: ScheduleSettings): CronSchedule {
  const cron = CronSchedule.parse(settings.cron, settings.timezone);
  if (settings.target.kind === 'pipeline') pipelineEdges(settings.target.pipeline.nodes);
  return cron;
}

function settingsOf(row: ScheduleRow): ScheduleSettings {
  return {
    name: row.name,
    description: row.description,
    cron: row.cron,
    timezone: row.timezone,
    enabled: row.enabled,
    paused: row.paused,
    target: row.target,
    misfirePolicy: row.misfire_policy,
    maxCatchUp: row.max_catch_up,
    overlapPolicy: row.overlap_policy,
  };
}

async function dbNow(client: PoolClient): Promise<Date> {
  const { rows } = await client.query<{ now: Date }>('SELECT now()');
  return (rows[0] as { now: Date }).now;
}
