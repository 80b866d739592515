import { queryInt } from './query-int.ts';
import { z } from 'zod';
import { PipelineJob, PipelineNode, PIPELINE_NODES_MAX } from './dag.ts';
import { commaList, JobState, LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, Uuid } from './jobs.ts';

const isoDate = z.iso.datetime({ offset: true });

/**
 * A job a schedule creates on every fire. No `runAt` (each fire runs at once) and no `idempotencyKey` (every fire
 * is a new run; `overlapPolicy` decides what happens while the previous one is unfinished).
 */
export const ScheduledJob = PipelineJob.omit({ runAt: true, idempotencyKey: true }).meta({ id: 'ScheduledJob' });
export type ScheduledJob = z.infer<typeof ScheduledJob>;

export const ScheduledPipelineNode = PipelineNode.extend({ job: ScheduledJob }).meta({ id: 'ScheduledPipelineNode' });
export type ScheduledPipelineNode = z.infer<typeof ScheduledPipelineNode>;

export const ScheduleTarget = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('job'), job: ScheduledJob }),
    z.strictObject({
      kind: z.literal('pipeline'),
      pipeline: z.strictObject({ nodes: z.array(ScheduledPipelineNode).min(1).max(PIPELINE_NODES_MAX) }),
    }),
  ])
  .describe('what every fire creates: one job, or a pipeline (the body of POST /pipelines)')
  .meta({ id: 'ScheduleTarget' });
export type ScheduleTarget = z.infer<typeof ScheduleTarget>;

export const MisfirePolicy = z
  .enum(['skip', 'fire_once', 'fire_all'])
  .describe('slots missed (later than the grace period) after downtime or a pause: drop them, one run for them all, or one run each (the latest maxCatchUp)');
export type MisfirePolicy = z.infer<typeof MisfirePolicy>;

export const OverlapPolicy = z
  .enum(['allow', 'skip', 'cancel_previous'])
  .describe("when the schedule's previous run is unfinished at a fire: run anyway, skip this fire, or cancel the previous run's unfinished jobs first");
export type OverlapPolicy = z.infer<typeof OverlapPolicy>;

export const MAX_CATCH_UP_LIMIT = 1000;

export const CronExpression = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe('5 fields (minute hour day month weekday) or 6 (second first); checked by the server, which names the bad field');
export const TimeZoneName = z.string().trim().min(1).max(64).describe('IANA time zone, e.g. Europe/Berlin; default UTC');

export const ScheduleName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'a schedule name uses letters, digits, ".", "_", ":" or "-" (≤ 128)');

const scheduleFields = {
  name: ScheduleName.describe('unique in the tenant'),
  description: z.string().max(2000).optional(),
  cron: CronExpression,
  timezone: TimeZoneName.optional(),
  enabled: z.boolean().optional().describe('default true'),
  target: ScheduleTarget,
  misfirePolicy: MisfirePolicy.optional().describe('default skip'),
  maxCatchUp: z.int().min(1).max(MAX_CATCH_UP_LIMIT).optional().describe('fire_all: most runs for missed slots at once; default 10'),
  overlapPolicy: OverlapPolicy.optional().describe('default allow'),
};

export const CreateScheduleRequest = z.strictObject(scheduleFields).meta({ id: 'CreateScheduleRequest' });
export type CreateScheduleRequest = z.infer<typeof CreateScheduleRequest>;

export const UpdateScheduleRequest = z
  .strictObject(scheduleFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'name at least one field to change')
  .meta({ id: 'UpdateScheduleRequest' });
export type UpdateScheduleRequest = z.infer<typeof UpdateScheduleRequest>;

export const Schedule = z
  .object({
    id: Uuid,
    tenant: z.string(),
    name: z.string(),
    description: z.string(),
    cron: z.string(),
    timezone: z.string(),
    label: z.string().describe('the cron in words'),
    enabled: z.boolean(),
    paused: z.boolean().describe('paused keeps nextFireAt, so resuming applies the misfire policy to the slots missed meanwhile'),
    target: ScheduleTarget,
    misfirePolicy: MisfirePolicy,
    maxCatchUp: z.int(),
    overlapPolicy: OverlapPolicy,
    nextFireAt: isoDate.nullable().describe('null while disabled'),
    lastFireAt: isoDate.nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'Schedule' });
export type Schedule = z.infer<typeof Schedule>;

export const SchedulePage = z.object({ items: z.array(Schedule), nextCursor: z.string().nullable() }).meta({ id: 'SchedulePage' });
export type SchedulePage = z.infer<typeof SchedulePage>;

export const SCHEDULE_STATES = ['active', 'paused', 'disabled'] as const;
export const ScheduleState = z
  .enum(SCHEDULE_STATES)
  .describe('disabled: not enabled (paused or not); paused: enabled but paused; active: enabled and firing');
export type ScheduleState = z.infer<typeof ScheduleState>;

/** The one state an operator reads from `enabled` and `paused`. */
export function scheduleState(schedule: Pick<Schedule, 'enabled' | 'paused'>): ScheduleState {
  if (!schedule.enabled) return 'disabled';
  return schedule.paused ? 'paused' : 'active';
}

export const ListSchedulesQuery = z.strictObject({
  enabled: z.enum(['true', 'false']).optional(),
  state: ScheduleState.optional(),
  text: z.string().min(1).max(200).optional().describe('matches name or description'),
  limit: queryInt(1, LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
  cursor: z.string().max(200).optional(),
});
export type ListSchedulesQuery = z.infer<typeof ListSchedulesQuery>;

export const ScheduleParams = z.object({ id: Uuid });

export const PREVIEW_FIRES = 10;

export const SchedulePreviewRequest = z
  .strictObject({ cron: CronExpression, timezone: TimeZoneName.optional(), from: isoDate.optional().describe('default now') })
  .meta({ id: 'SchedulePreviewRequest' });
export type SchedulePreviewRequest = z.infer<typeof SchedulePreviewRequest>;

export const PreviewFire = z
  .object({
    at: isoDate.describe('UTC'),
    local: z.string().describe('the wall-clock time in the zone, with its offset: 2026-03-29 03:00:00 +02:00'),
  })
  .meta({ id: 'PreviewFire' });
export type PreviewFire = z.infer<typeof PreviewFire>;

export const SchedulePreview = z
  .object({
    cron: z.string(),
    timezone: z.string(),
    label: z.string(),
    fires: z.array(PreviewFire).describe(`the next ${PREVIEW_FIRES} fire times`),
  })
  .meta({ id: 'SchedulePreview' });
export type SchedulePreview = z.infer<typeof SchedulePreview>;

export const RunTrigger = z.enum(['cron', 'manual', 'api', 'backfill']);
export type RunTrigger = z.infer<typeof RunTrigger>;

export const RUN_STATES = ['planning', 'queued', 'running', 'completed', 'error', 'cancelled'] as const;
export const RunState = z
  .enum(RUN_STATES)
  .describe(
    'derived from its jobs: planning (no job yet), queued (none started), running, then when all finished: error (a job failed), cancelled (a job canceled), else completed',
  );
export type RunState = z.infer<typeof RunState>;

export const RunCounts = z
  .record(JobState, z.int())
  .describe("the run's jobs by state; a failed job that was retried counts as its replay")
  .meta({ id: 'RunCounts' });

export const Run = z
  .object({
    id: Uuid,
    tenant: z.string(),
    scheduleId: Uuid.nullable(),
    scheduleName: z.string().nullable(),
    trigger: RunTrigger,
    state: RunState,
    fireAt: isoDate.nullable().describe('the cron slot; null for manual runs'),
    counts: RunCounts,
    progress: z.object({ processed: z.int().describe('finished jobs'), total: z.int() }),
    correlationId: z.string(),
    createdAt: isoDate,
    startedAt: isoDate.nullable(),
    finishedAt: isoDate.nullable(),
  })
  .meta({ id: 'Run' });
export type Run = z.infer<typeof Run>;

export const RunPage = z.object({ items: z.array(Run), nextCursor: z.string().nullable() }).meta({ id: 'RunPage' });
export type RunPage = z.infer<typeof RunPage>;

export const ListRunsQuery = z.strictObject({
  scheduleId: Uuid.optional(),
  trigger: commaList(RunTrigger).optional().describe('comma-separated triggers'),
  state: commaList(RunState).optional().describe('comma-separated run states'),
  createdAfter: isoDate.optional(),
  createdBefore: isoDate.optional(),
  limit: queryInt(1, LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
  cursor: z.string().max(200).optional(),
});
export type ListRunsQuery = z.infer<typeof ListRunsQuery>;

export const RunParams = z.object({ id: Uuid });

export const TriggerScheduleResponse = z.object({ run: Run }).meta({ id: 'TriggerScheduleResponse' });
export type TriggerScheduleResponse = z.infer<typeof TriggerScheduleResponse>;

export const RunActionResponse = z
  .object({ run: Run, jobIds: z.array(Uuid).describe('the jobs canceled (or asked to), or the replays created') })
  .meta({ id: 'RunActionResponse' });
export type RunActionResponse = z.infer<typeof RunActionResponse>;

export const SchedulerLeaderInfo = z
  .object({
    holder: z.string().describe('the process id (host:pid:uuid) holding the lease'),
    term: z.int().describe('the fencing term, bumped on every takeover'),
    since: isoDate.describe('when the holder took the lease: the start of this term'),
    leaseUntil: isoDate,
    live: z.boolean().describe('the lease has not expired: the holder is renewing it'),
  })
  .meta({ id: 'SchedulerLeaderInfo' });
export type SchedulerLeaderInfo = z.infer<typeof SchedulerLeaderInfo>;

export const NextFire = z
  .object({ scheduleId: Uuid, name: z.string(), cron: z.string(), timezone: z.string(), nextFireAt: isoDate })
  .meta({ id: 'NextFire' });
export type NextFire = z.infer<typeof NextFire>;

export const MISSED_FIRE_TYPES = ['schedule.misfired', 'schedule.fire_skipped'] as const;

export const MissedFire = z
  .object({
    eventId: z.string(),
    scheduleId: Uuid,
    scheduleName: z.string().nullable().describe('null when the schedule has been deleted since'),
    type: z.enum(MISSED_FIRE_TYPES),
    at: isoDate,
    slots: z.int().describe('slots not fired: dropped by the misfire policy, or the one skipped by the overlap policy'),
    fireAt: isoDate.nullable().describe('the skipped slot (fire_skipped)'),
  })
  .meta({ id: 'MissedFire' });
export type MissedFire = z.infer<typeof MissedFire>;

export const SCHEDULER_STATUS_WINDOW_HOURS = 24;
export const SCHEDULER_STATUS_LIST_MAX = 10;

export const SchedulerStatus = z
  .object({
    generatedAt: isoDate,
    since: isoDate.describe(`start of the ${SCHEDULER_STATUS_WINDOW_HOURS} h window of recentRuns and missedFires`),
    leader: SchedulerLeaderInfo.nullable().describe('null before any process has led'),
    schedules: z.record(ScheduleState, z.int()).describe("the tenant's schedules by state"),
    activeRuns: z.object({ planning: z.int(), queued: z.int(), running: z.int() }).describe('unfinished runs, whenever created'),
    recentRuns: z.record(RunState, z.int()).describe('runs created since `since`, by state'),
    nextFires: z.array(NextFire).describe(`the soonest ${SCHEDULER_STATUS_LIST_MAX} fires of active schedules`),
    missedFires: z.object({
      events: z.int().describe('misfired and fire_skipped events since `since`'),
      slots: z.int().describe('slots they left unfired'),
      latest: z.array(MissedFire).describe(`the newest ${SCHEDULER_STATUS_LIST_MAX}`),
    }),
  })
  .meta({ id: 'SchedulerStatus' });
export type SchedulerStatus = z.infer<typeof SchedulerStatus>;
