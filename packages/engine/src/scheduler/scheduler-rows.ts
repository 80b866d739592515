import { JOB_STATES, type JobState, type MisfirePolicy, type OverlapPolicy, type Run, type RunState, type RunTrigger, type Schedule, type ScheduleTarget } from '@execops/contract';
import { CronSchedule } from './cron.ts';

export interface ScheduleRow {
  id: string;
  tenant: string;
  name: string;
  description: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  paused: boolean;
  target: ScheduleTarget;
  misfire_policy: MisfirePolicy;
  max_catch_up: number;
  overlap_policy: OverlapPolicy;
  next_fire_at: Date | null;
  last_fire_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface RunRow {
  id: string;
  tenant: string;
  schedule_id: string | null;
  schedule_name: string | null;
  trigger: RunTrigger;
  fire_at: Date | null;
  correlation_id: string;
  created_at: Date;
  counts: Partial<Record<JobState, number>>;
  total: number;
  processed: number;
  started_at: Date | null;
  finished_at: Date | null;
  state: RunState;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSchedule(row: ScheduleRow): Schedule {
  return {
    id: row.id,
    tenant: row.tenant,
    name: row.name,
    description: row.description,
    cron: row.cron,
    timezone: row.timezone,
    label: CronSchedule.parse(row.cron, row.timezone).label(),
    enabled: row.enabled,
    paused: row.paused,
    target: row.target,
    misfirePolicy: row.misfire_policy,
    maxCatchUp: row.max_catch_up,
    overlapPolicy: row.overlap_policy,
    nextFireAt: iso(row.next_fire_at),
    lastFireAt: iso(row.last_fire_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toRun(row: RunRow): Run {
  return {
    id: row.id,
    tenant: row.tenant,
    scheduleId: row.schedule_id,
    scheduleName: row.schedule_name,
    trigger: row.trigger,
    state: row.state,
    fireAt: iso(row.fire_at),
    counts: Object.fromEntries(JOB_STATES.map((state) => [state, row.counts[state] ?? 0])) as Record<JobState, number>,
    progress: { processed: row.processed, total: row.total },
    correlationId: row.correlation_id,
    createdAt: row.created_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}
