import { z } from 'zod';
import { STREAM_QUERY_FIELDS } from './events.ts';
import { JobLogFields, LogLevel } from './job-logs.ts';
import { JobState, Uuid } from './jobs.ts';
import { RunCounts, RunState } from './scheduler.ts';

const isoDate = z.iso.datetime({ offset: true });

/**
 * A position in a run's stream: `<xact>.<eventId>.<n>`, the n-th item derived from one row of the event table
 * (a `job.logged` row becomes one `log` item per line; a job change may be followed by `progress` and
 * `stateChanged`). Items come in `(xact, eventId, n)` order, so resuming after one gives exactly the rest.
 */
export const RUN_STREAM_ID_PATTERN = /^(\d{1,20})\.(\d{1,18})\.(\d{1,9})$/;

export const RunStreamId = z.string().regex(RUN_STREAM_ID_PATTERN).describe('resume cursor: pass it as Last-Event-ID');

export const RunStreamQuery = z.strictObject(STREAM_QUERY_FIELDS);
export type RunStreamQuery = z.infer<typeof RunStreamQuery>;

const item = { id: RunStreamId, runId: Uuid, ts: isoDate.describe('when the change committed, or the log line\'s own time') };

export const RunStateChanged = z
  .object({ ...item, type: z.literal('stateChanged'), from: RunState.nullable().describe('null for the first state'), to: RunState })
  .meta({ id: 'RunStateChanged' });

export const RunProgress = z
  .object({
    ...item,
    type: z.literal('progress'),
    processed: z.int().describe('finished jobs'),
    total: z.int(),
    counts: RunCounts,
  })
  .meta({ id: 'RunProgress' });

export const RunJobChanged = z
  .object({
    ...item,
    type: z.literal('jobChanged'),
    jobId: Uuid,
    jobType: z.string(),
    event: z.string().describe('the job event, e.g. job.started, job.failed'),
    state: JobState.describe('the job state after the event'),
    attempt: z.int(),
    data: z.json().describe("the job event's details"),
  })
  .meta({ id: 'RunJobChanged' });

export const RunLogLine = z
  .object({
    ...item,
    type: z.literal('log'),
    jobId: Uuid,
    jobType: z.string(),
    attempt: z.int(),
    logId: z.int(),
    level: LogLevel,
    message: z.string(),
    fields: JobLogFields.nullable(),
  })
  .meta({ id: 'RunLogLine' });

export const RunEventNoted = z
  .object({ ...item, type: z.literal('runEvent'), event: z.string().describe('run.created, run.cancel_requested, run.retried'), data: z.json() })
  .meta({ id: 'RunEventNoted' });

/** The `data` of each server-sent event of `GET /runs/:id/stream`; its SSE `id` is the same `id`. */
export const RunStreamEvent = z
  .discriminatedUnion('type', [RunStateChanged, RunProgress, RunJobChanged, RunLogLine, RunEventNoted])
  .meta({ id: 'RunStreamEvent' });
export type RunStreamEvent = z.infer<typeof RunStreamEvent>;
export type RunStreamEventType = RunStreamEvent['type'];
export const RUN_STREAM_EVENT_TYPES = ['stateChanged', 'progress', 'jobChanged', 'log', 'runEvent'] as const satisfies readonly RunStreamEventType[];

export const RUN_TERMINAL_STATES: readonly RunState[] = ['completed', 'error', 'cancelled'];
