import { queryInt } from './query-int.ts';
import { z } from 'zod';
import { JobPriority } from './job-actions.ts';
import { ErrorClass, JobAttempt, JobError, JobState, JobSummary, JobType, LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, Uuid } from './jobs.ts';

const isoDate = z.iso.datetime({ offset: true });

export const DEAD_LETTER_STATUSES = ['open', 'replayed', 'resolved'] as const;
export const DeadLetterStatus = z.enum(DEAD_LETTER_STATUSES);
export type DeadLetterStatus = z.infer<typeof DeadLetterStatus>;

export const DeadLetterResolution = z
  .object({ note: z.string(), ticket: z.string().nullable(), by: z.string(), at: isoDate })
  .meta({ id: 'DeadLetterResolution' });
export type DeadLetterResolution = z.infer<typeof DeadLetterResolution>;

/** A job that failed terminally, written in the transaction that failed it (SPEC §5). */
export const DeadLetterEntry = z
  .object({
    id: Uuid,
    tenant: z.string(),
    jobId: Uuid.describe('the failed job; its canonical page is /ops/operations/jobengine/jobs/:jobId'),
    jobType: z.string(),
    queue: z.string(),
    payloadDigest: z.string(),
    attempts: z.int().describe('attempts the job made'),
    firstFailedAt: isoDate.describe('when its first attempt failed'),
    deadLetteredAt: isoDate,
    error: JobError.describe('the final error'),
    clusterKey: z
      .string()
      .describe('error code + message with numbers, ids and hex normalised: entries failing the same way share it'),
    status: DeadLetterStatus,
    replayedJobIds: z.array(Uuid).describe('jobs created by replaying this entry, oldest first'),
    resolution: DeadLetterResolution.nullable(),
  })
  .meta({ id: 'DeadLetterEntry' });
export type DeadLetterEntry = z.infer<typeof DeadLetterEntry>;

export const DeadLetterReplay = z
  .object({
    jobId: Uuid,
    state: JobState.nullable().describe('the replay job now; null once it was pruned'),
    at: isoDate,
    by: z.string(),
    reason: z.string(),
    ticket: z.string().nullable(),
  })
  .meta({ id: 'DeadLetterReplay' });
export type DeadLetterReplay = z.infer<typeof DeadLetterReplay>;

export const DeadLetterEntryDetail = DeadLetterEntry.extend({
  payload: z.json().nullable().describe('the failed job’s payload; null once the job was pruned'),
  attemptHistory: z.array(JobAttempt).describe('the failed job’s attempts, oldest first'),
  replays: z.array(DeadLetterReplay).describe('replay history, oldest first'),
}).meta({ id: 'DeadLetterEntryDetail' });
export type DeadLetterEntryDetail = z.infer<typeof DeadLetterEntryDetail>;

const commaList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
    z.array(item).min(1),
  );
const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The filters of the dead-letter queue; bulk actions and exports take the same ones. */
export const DeadLetterFilter = z.strictObject({
  status: commaList(DeadLetterStatus).optional().describe('comma-separated statuses'),
  jobType: JobType.optional(),
  cluster: z.string().min(1).max(600).optional().describe('a clusterKey, exactly'),
  class: commaList(ErrorClass).optional().describe('comma-separated error classes'),
  retryable: queryBoolean.optional().describe('true or false'),
  deadLetteredAfter: isoDate.optional(),
  deadLetteredBefore: isoDate.optional(),
  text: z.string().min(1).max(200).optional().describe('matches the error code and message, job id, entry id and job type'),
});
export type DeadLetterFilter = z.infer<typeof DeadLetterFilter>;
export type DeadLetterFilterInput = z.input<typeof DeadLetterFilter>;

export const ListDeadLetterQuery = DeadLetterFilter.extend({
  limit: queryInt(1, LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
  cursor: z.string().min(1).max(200).optional(),
}).describe('dead-letter filters and paging; newest first');
export type ListDeadLetterQuery = z.infer<typeof ListDeadLetterQuery>;
export type ListDeadLetterQueryInput = z.input<typeof ListDeadLetterQuery>;

export const DeadLetterPage = z
  .object({ items: z.array(DeadLetterEntry), nextCursor: z.string().nullable() })
  .meta({ id: 'DeadLetterPage' });
export type DeadLetterPage = z.infer<typeof DeadLetterPage>;

export const DeadLetterCluster = z
  .object({
    clusterKey: z.string(),
    code: z.string(),
    sampleMessage: z.string().describe('the newest entry’s message'),
    errorClass: ErrorClass,
    retryable: z.boolean(),
    jobTypes: z.array(z.string()),
    open: z.int(),
    firstAt: isoDate,
    lastAt: isoDate,
  })
  .meta({ id: 'DeadLetterCluster' });
export type DeadLetterCluster = z.infer<typeof DeadLetterCluster>;

export const DeadLetterStats = z
  .object({
    generatedAt: isoDate,
    open: z.int(),
    oldestOpenAt: isoDate.nullable(),
    retryableOpen: z.int(),
    mostCommonError: DeadLetterCluster.nullable().describe('the open cluster with most entries'),
    topClusters: z.array(DeadLetterCluster).describe('open entries grouped by clusterKey, most first (≤ 20)'),
    byJobType: z.array(z.object({ jobType: z.string(), open: z.int(), total: z.int() })),
    last24h: z
      .array(z.object({ hour: isoDate, count: z.int() }))
      .describe('entries dead-lettered per hour, the last 24 hours, oldest first, every hour present'),
  })
  .meta({ id: 'DeadLetterStats' });
export type DeadLetterStats = z.infer<typeof DeadLetterStats>;

export const DeadLetterIdParams = z.strictObject({ id: Uuid });

export const ReplayDeadLetterRequest = z
  .strictObject({ priority: JobPriority.optional().describe('default: 100 ahead of the failed job') })
  .meta({ id: 'ReplayDeadLetterRequest' });
export type ReplayDeadLetterRequest = z.infer<typeof ReplayDeadLetterRequest>;

export const ReplayDeadLetterResponse = z
  .object({
    entry: DeadLetterEntry,
    job: JobSummary.describe('the new job; its replayOf is the failed job'),
    created: z.boolean().describe('false when this Idempotency-Key already replayed the entry: the same job is returned'),
  })
  .meta({ id: 'ReplayDeadLetterResponse' });
export type ReplayDeadLetterResponse = z.infer<typeof ReplayDeadLetterResponse>;

export const DEAD_LETTER_NOTE_MAX = 2000;
export const ResolveDeadLetterRequest = z
  .strictObject({ note: z.string().trim().min(1, 'a resolution note is required').max(DEAD_LETTER_NOTE_MAX) })
  .meta({ id: 'ResolveDeadLetterRequest' });
export type ResolveDeadLetterRequest = z.infer<typeof ResolveDeadLetterRequest>;

export const DEAD_LETTER_BULK_MAX_IDS = 1000;
export const DEAD_LETTER_BULK_MAX_MATCHES = 5000;

const bulkSelection = {
  ids: z.array(Uuid).min(1).max(DEAD_LETTER_BULK_MAX_IDS).optional(),
  filter: DeadLetterFilter.optional(),
  dryRun: z.boolean().default(false).describe('count what would change; change nothing (no reason needed)'),
};
const exactlyOneSelection = (value: { ids?: unknown; filter?: unknown }) => (value.ids === undefined) !== (value.filter === undefined);
const selectionMessage = { message: 'give either ids or filter, not both or neither', path: ['ids'] };

export const BulkReplayDeadLetterRequest = z
  .strictObject({ ...bulkSelection, priority: JobPriority.optional() })
  .refine(exactlyOneSelection, selectionMessage)
  .meta({ id: 'BulkReplayDeadLetterRequest' });
export type BulkReplayDeadLetterRequest = z.infer<typeof BulkReplayDeadLetterRequest>;

export const BulkResolveDeadLetterRequest = z
  .strictObject({
    ...bulkSelection,
    note: z.string().trim().min(1, 'a resolution note is required').max(DEAD_LETTER_NOTE_MAX).optional().describe('required unless dryRun'),
  })
  .refine(exactlyOneSelection, selectionMessage)
  .refine((v) => v.dryRun || v.note !== undefined, { message: 'a resolution note is required', path: ['note'] })
  .meta({ id: 'BulkResolveDeadLetterRequest' });
export type BulkResolveDeadLetterRequest = z.infer<typeof BulkResolveDeadLetterRequest>;

export const BulkDeadLetterOutcome = z.enum(['replayed', 'resolved', 'not_applicable', 'not_found']);
export type BulkDeadLetterOutcome = z.infer<typeof BulkDeadLetterOutcome>;

export const BulkDeadLetterResponse = z
  .object({
    dryRun: z.boolean(),
    selected: z.int().describe('entries in the selection (ids that exist, or every filter match)'),
    matched: z.int().describe('entries the action applies to (replay: open or replayed; resolve: not yet resolved)'),
    affected: z.int().describe('entries changed (0 on a dry run)'),
    results: z
      .array(z.object({ id: Uuid, outcome: BulkDeadLetterOutcome, status: DeadLetterStatus.nullable(), newJobId: Uuid.optional() }))
      .describe('one per selected entry; empty on a dry run'),
  })
  .meta({ id: 'BulkDeadLetterResponse' });
export type BulkDeadLetterResponse = z.infer<typeof BulkDeadLetterResponse>;

export const DEAD_LETTER_EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export const DeadLetterExportQuery = DeadLetterFilter.extend({
  format: z.enum(DEAD_LETTER_EXPORT_FORMATS).default('csv'),
}).describe('the queue filters and a format; streamed as a download');
export type DeadLetterExportQuery = z.infer<typeof DeadLetterExportQuery>;
export type DeadLetterExportQueryInput = z.input<typeof DeadLetterExportQuery>;

/** Columns of the CSV export, in order (JSON and NDJSON carry DeadLetterEntry objects). */
export const DEAD_LETTER_CSV_COLUMNS = [
  'id',
  'jobId',
  'jobType',
  'queue',
  'status',
  'errorCode',
  'errorClass',
  'retryable',
  'errorMessage',
  'clusterKey',
  'attempts',
  'firstFailedAt',
  'deadLetteredAt',
  'replayedJobIds',
  'resolutionNote',
  'resolutionTicket',
  'resolvedBy',
  'resolvedAt',
] as const;
