// The execution overview (SPEC §8, Jobs & Queues): one health card per area with a status from the thresholds below.
import { z } from 'zod';
import { Tenant } from './jobs.ts';

/** The thresholds of SPEC §8, in one place: the server computes the statuses from them and the console names them. */
export const OVERVIEW_THRESHOLDS = {
  /** Queued jobs in one queue: DEGRADED from `warn`, BLOCKING from `fail`. */
  queueDepth: { warn: 100, fail: 500 },
  /** Open dead-letter entries of the tenant: DEGRADED from `warn`, BLOCKING from `fail`. */
  deadLetterOpen: { warn: 10, fail: 50 },
  /** Fewer active workers than this is BLOCKING: nothing claims jobs. */
  activeWorkersMin: 1,
  /** A queue finishing fewer jobs per minute than this (over `throughputWindowMinutes`) with a backlog is DEGRADED. */
  throughputPerMinuteMin: 10,
  throughputWindowMinutes: 5,
  /** A backlog: queued jobs of which the oldest has waited at least this long. */
  backlogAgeSeconds: 60,
  /** Schedule fires missed (dropped by the misfire policy) in this window, or a schedule overdue by more than the grace, are DEGRADED. */
  missedFiresWindowHours: 24,
  scheduleOverdueSeconds: 60,
} as const;

export const AREA_STATUSES = ['BLOCKING', 'DEGRADED', 'INFO'] as const;
export const AreaStatus = z.enum(AREA_STATUSES).describe('BLOCKING: work stops; DEGRADED: work suffers; INFO: nothing to act on');
export type AreaStatus = z.infer<typeof AreaStatus>;

/** The worst of the statuses (BLOCKING over DEGRADED over INFO); INFO for none. */
export function worstStatus(statuses: Iterable<AreaStatus>): AreaStatus {
  let worst: AreaStatus = 'INFO';
  for (const status of statuses) if (AREA_STATUSES.indexOf(status) < AREA_STATUSES.indexOf(worst)) worst = status;
  return worst;
}

export const OVERVIEW_AREAS = ['jobEngine', 'scheduler', 'deadLetter', 'quotas', 'workers', 'scanner'] as const;
export const OverviewAreaId = z.enum(OVERVIEW_AREAS);
export type OverviewAreaId = z.infer<typeof OverviewAreaId>;

/** A console page and the filter it opens with: `{to: '/ops/operations/jobengine/jobs', search: {state: 'queued', queue: 'mail'}}`. */
export const AreaLink = z
  .object({
    label: z.string(),
    to: z.string().startsWith('/ops/').describe('a canonical console path'),
    search: z.record(z.string(), z.string()).describe('the filter, as the target page reads it from its URL'),
  })
  .meta({ id: 'AreaLink' });
export type AreaLink = z.infer<typeof AreaLink>;

/** One finding behind an area's status, with its number and the threshold it was measured against. */
export const AreaReason = z
  .object({
    status: AreaStatus,
    code: z.string().describe('what was measured: queue_depth, low_throughput, dead_letter_open, no_active_worker, …'),
    message: z.string(),
    value: z.number(),
    threshold: z.number().nullable().describe('the limit the value reached; null for a plain note'),
    link: AreaLink.nullable().describe('the page showing what the reason counts'),
  })
  .meta({ id: 'AreaReason' });
export type AreaReason = z.infer<typeof AreaReason>;

export const AreaFigure = z
  .object({ label: z.string(), value: z.number(), unit: z.enum(['count', 'ms', 'perMinute']) })
  .meta({ id: 'AreaFigure' });
export type AreaFigure = z.infer<typeof AreaFigure>;

export const AreaHealth = z
  .object({
    area: OverviewAreaId,
    title: z.string(),
    status: AreaStatus.describe('the worst of its reasons; INFO without any'),
    summary: z.string().describe('one line saying what the status rests on'),
    figures: z.array(AreaFigure).describe('the numbers that explain the status'),
    reasons: z.array(AreaReason).describe('worst first'),
    link: AreaLink.describe("the area's owning page"),
  })
  .meta({ id: 'AreaHealth' });
export type AreaHealth = z.infer<typeof AreaHealth>;

export const Overview = z
  .object({
    generatedAt: z.iso.datetime({ offset: true }),
    tenant: Tenant,
    status: AreaStatus.describe('the worst area status'),
    areas: z.array(AreaHealth).describe('one per area, in OVERVIEW_AREAS order'),
  })
  .meta({ id: 'Overview' });
export type Overview = z.infer<typeof Overview>;

export const TenantList = z
  .object({ items: z.array(Tenant).describe('tenants with any jobs, schedules, quotas or workers, and the default tenant; sorted') })
  .meta({ id: 'TenantList' });
export type TenantList = z.infer<typeof TenantList>;
