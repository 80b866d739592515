import { queryInt } from './query-int.ts';
import { z } from 'zod';

export const JOB_STATES = [
  'blocked',
  'queued',
  'scheduled',
  'throttled',
  'running',
  'succeeded',
  'failed',
  'canceled',
  'skipped',
] as const;
export const JobState = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobState>;

export const FINISHED_STATES: readonly JobState[] = ['succeeded', 'failed', 'canceled', 'skipped'];
export const CANCELABLE_STATES: readonly JobState[] = ['blocked', 'queued', 'scheduled', 'throttled', 'running'];
/** Not started yet: the states whose priority an operator may still change. */
export const WAITING_STATES: readonly JobState[] = ['blocked', 'queued', 'scheduled', 'throttled'];

export const AttemptOutcome = z.enum(['succeeded', 'failed', 'timed_out', 'lease_expired', 'canceled']);
export type AttemptOutcome = z.infer<typeof AttemptOutcome>;

export const ErrorClass = z.enum(['transient', 'permanent', 'timeout', 'lease_expired', 'unknown']);
export type ErrorClass = z.infer<typeof ErrorClass>;

export const JobError = z.object({
  code: z.string().max(128),
  message: z.string().max(4096),
  class: ErrorClass,
  retryable: z.boolean(),
  stack: z.string().max(16384).optional(),
});
export type JobError = z.infer<typeof JobError>;

export const TENANT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const Tenant = z.string().regex(TENANT_PATTERN, 'tenant must be lowercase letters, digits, "_" or "-" (≤ 63)');
export const DEFAULT_TENANT = 'default';

export const JOB_TYPE_PATTERN = /^[a-zA-Z][a-zA-Z0-9_.:-]{0,127}$/;
export const JobType = z
  .string()
  .regex(JOB_TYPE_PATTERN, 'jobType must start with a letter and use letters, digits, ".", "_", ":" or "-" (≤ 128)');
export const QueueName = JobType.describe('queue name; defaults to the jobType');

export const Uuid = z.uuid();

export const JobProgress = z.object({ percent: z.number().min(0).max(100), message: z.string().max(512).nullable() });
export type JobProgress = z.infer<typeof JobProgress>;

const isoDate = z.iso.datetime({ offset: true });

export const OnParentFailure = z
  .enum(['skip', 'run'])
  .describe('when a parent ends failed, canceled or skipped: skip this job (default) or run it anyway');
export type OnParentFailure = z.infer<typeof OnParentFailure>;
export const DEPENDS_ON_MAX = 100;

export const EnqueueJobRequest = z
  .strictObject({
    jobType: JobType,
    queue: QueueName.optional(),
    payload: z.json().optional().describe('any JSON value; default {}'),
    priority: z.int().min(-1000).max(1000).optional().describe('lower runs first; default 0'),
    maxAttempts: z.int().min(1).max(100).optional().describe('default 5'),
    runAt: isoDate.optional().describe('earliest start; default now'),
    idempotencyKey: z.string().min(1).max(200).optional(),
    correlationId: z.string().min(1).max(200).optional(),
    tags: z.array(z.string().min(1).max(64)).max(20).optional(),
    timeoutSeconds: z.int().min(1).max(86_400).optional().describe('handler time limit; default 300'),
    dependsOn: z
      .array(Uuid)
      .min(1)
      .max(DEPENDS_ON_MAX)
      .optional()
      .describe('parent job ids (same tenant); the job stays blocked until every parent has finished'),
    onParentFailure: OnParentFailure.optional(),
  })
  .meta({ id: 'EnqueueJobRequest' });
export type EnqueueJobRequest = z.infer<typeof EnqueueJobRequest>;

export const EnqueueBatchRequest = z
  .strictObject({ jobs: z.array(EnqueueJobRequest).min(1).max(1000) })
  .meta({ id: 'EnqueueBatchRequest' });
export type EnqueueBatchRequest = z.infer<typeof EnqueueBatchRequest>;

/** The fields every job view carries; payload and result only come with the detail. */
export const JobSummary = z
  .object({
    id: Uuid,
    tenant: z.string(),
    jobType: z.string(),
    queue: z.string(),
    priority: z.int(),
    state: JobState,
    attempt: z.int(),
    maxAttempts: z.int(),
    runAt: isoDate,
    leaseOwner: z.string().nullable(),
    leaseUntil: isoDate.nullable(),
    heartbeatAt: isoDate.nullable(),
    progress: JobProgress.nullable(),
    lastError: JobError.nullable(),
    idempotencyKey: z.string().nullable(),
    correlationId: z.string().nullable(),
    runId: Uuid.nullable(),
    replayOf: Uuid.nullable(),
    tags: z.array(z.string()),
    payloadDigest: z.string(),
    timeoutSeconds: z.int(),
    cancelRequestedAt: isoDate.nullable(),
    createdAt: isoDate,
    startedAt: isoDate.nullable(),
    finishedAt: isoDate.nullable(),
  })
  .meta({ id: 'JobSummary' });
export type JobSummary = z.infer<typeof JobSummary>;

export const JobAttempt = z
  .object({
    attempt: z.int(),
    leaseId: Uuid,
    worker: z.string(),
    startedAt: isoDate,
    endedAt: isoDate.nullable(),
    outcome: AttemptOutcome.nullable().describe('null while the attempt runs'),
    error: JobError.nullable(),
  })
  .meta({ id: 'JobAttempt' });
export type JobAttempt = z.infer<typeof JobAttempt>;

export const JobDetail = JobSummary.extend({
  payload: z.json(),
  result: z.json().nullable(),
  attempts: z.array(JobAttempt),
}).meta({ id: 'JobDetail' });
export type JobDetail = z.infer<typeof JobDetail>;

export const EnqueueJobResponse = z
  .object({
    job: JobSummary,
    created: z.boolean().describe('false when an unfinished job with the same idempotencyKey already existed'),
  })
  .meta({ id: 'EnqueueJobResponse' });
export type EnqueueJobResponse = z.infer<typeof EnqueueJobResponse>;

export const EnqueueBatchResponse = z
  .object({ results: z.array(EnqueueJobResponse) })
  .meta({ id: 'EnqueueBatchResponse' });
export type EnqueueBatchResponse = z.infer<typeof EnqueueBatchResponse>;

export const commaList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
    z.array(item).min(1),
  );

export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 500;

export const JOB_SORTS = ['createdAt', 'priority', 'runAt', 'finishedAt'] as const;
export const JobSort = z.enum(JOB_SORTS);
export type JobSort = z.infer<typeof JobSort>;

export const ListJobsQuery = z
  .strictObject({
    state: commaList(JobState).optional().describe('comma-separated states'),
    jobType: JobType.optional(),
    queue: QueueName.optional(),
    text: z.string().min(1).max(200).optional().describe('matches id, jobType, idempotency key, correlation id, error'),
    createdAfter: isoDate.optional(),
    createdBefore: isoDate.optional(),
    sort: JobSort.default('createdAt').describe(
      'the order of the listing; ties are broken by id; jobs without the key (finishedAt of an unfinished job) come last in either order',
    ),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: queryInt(1, LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
    cursor: z.string().min(1).max(200).optional().describe('nextCursor of the previous page, with the same sort and order'),
  })
  // No registered id: @fastify/swagger cannot resolve a $ref for query parameters.
  .describe('job list filters');
export type ListJobsQuery = z.infer<typeof ListJobsQuery>;
export type ListJobsQueryInput = z.input<typeof ListJobsQuery>;

export const JobPage = z
  .object({ items: z.array(JobSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'JobPage' });
export type JobPage = z.infer<typeof JobPage>;

export const CancelJobResponse = z
  .object({
    job: JobSummary,
    outcome: z.enum(['canceled', 'cancel_requested']).describe('running jobs are told on their next heartbeat'),
  })
  .meta({ id: 'CancelJobResponse' });
export type CancelJobResponse = z.infer<typeof CancelJobResponse>;

export const JobIdParams = z.strictObject({ id: Uuid });
