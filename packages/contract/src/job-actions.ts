import { z } from 'zod';
import { OperatorHeaders } from './audit.ts';
import { JobState, JobSummary, ListJobsQuery, Uuid } from './jobs.ts';

export const JobPriority = z.int().min(-1000).max(1000).describe('lower runs first');

export const ReplayJobRequest = z
  .strictObject({
    priority: JobPriority.optional().describe('default: 100 ahead of the original (original − 100)'),
    withDownstream: z
      .boolean()
      .default(false)
      .describe('in a DAG: the new job takes the original’s place (its edges), and descendants skipped because of it wait again'),
  })
  .meta({ id: 'ReplayJobRequest' });
export type ReplayJobRequest = z.infer<typeof ReplayJobRequest>;

export const ReplayJobResponse = z
  .object({
    job: JobSummary.describe('the new job; its replayOf is the replayed job'),
    replayOf: Uuid,
    resetJobIds: z.array(Uuid).describe('withDownstream: the skipped descendants put back to blocked; otherwise empty'),
  })
  .meta({ id: 'ReplayJobResponse' });
export type ReplayJobResponse = z.infer<typeof ReplayJobResponse>;

export const ChangePriorityRequest = z.strictObject({ priority: JobPriority }).meta({ id: 'ChangePriorityRequest' });
export type ChangePriorityRequest = z.infer<typeof ChangePriorityRequest>;

export const ChangePriorityResponse = z
  .object({ job: JobSummary, previousPriority: z.int() })
  .meta({ id: 'ChangePriorityResponse' });
export type ChangePriorityResponse = z.infer<typeof ChangePriorityResponse>;

export const BULK_MAX_IDS = 1000;
export const BULK_MAX_JOBS = 5000;

/** The listing filters, without paging, select the jobs of a bulk action. */
export const JobFilterSelection = ListJobsQuery.omit({ limit: true, cursor: true, sort: true, order: true });

const bulkSelection = {
  ids: z.array(Uuid).min(1).max(BULK_MAX_IDS).optional(),
  filter: JobFilterSelection.optional(),
  dryRun: z.boolean().default(false).describe('count what would be affected; change nothing (needs no X-Operator-Reason)'),
};
const exactlyOneSelection = (value: { ids?: unknown; filter?: unknown }) => (value.ids === undefined) !== (value.filter === undefined);
const selectionMessage = { message: 'give either ids or filter, not both or neither', path: ['ids'] };

/** Bulk actions take the operator headers too, but a dry run needs no reason. */
export const BulkOperatorHeaders = OperatorHeaders.extend({
  'x-operator-reason': OperatorHeaders.shape['x-operator-reason'].optional().describe('why (≤ 256); required unless dryRun'),
});

export const BulkJobsRequest = z.strictObject(bulkSelection).refine(exactlyOneSelection, selectionMessage).meta({ id: 'BulkJobsRequest' });
export type BulkJobsRequest = z.infer<typeof BulkJobsRequest>;

export const BulkPriorityRequest = z
  .strictObject({ ...bulkSelection, priority: JobPriority })
  .refine(exactlyOneSelection, selectionMessage)
  .meta({ id: 'BulkPriorityRequest' });
export type BulkPriorityRequest = z.infer<typeof BulkPriorityRequest>;

export const BulkOutcome = z.enum(['canceled', 'cancel_requested', 'replayed', 'reprioritized', 'not_applicable', 'not_found']);
export type BulkOutcome = z.infer<typeof BulkOutcome>;

export const BulkJobResult = z.object({
  id: Uuid,
  outcome: BulkOutcome,
  state: JobState.nullable().describe('the job state after the action; null when not found'),
  newJobId: Uuid.optional().describe('replay: the new job'),
});
export type BulkJobResult = z.infer<typeof BulkJobResult>;

export const BulkJobsResponse = z
  .object({
    dryRun: z.boolean(),
    selected: z.int().describe('jobs in the selection: the given ids that exist, or every job the filter matches'),
    matched: z.int().describe('jobs of the selection the action applies to (their state allows it)'),
    affected: z.int().describe('jobs changed (0 on a dry run)'),
    results: z.array(BulkJobResult).describe('one per selected id, or per matched job of a filter; empty on a dry run by filter'),
  })
  .meta({ id: 'BulkJobsResponse' });
export type BulkJobsResponse = z.infer<typeof BulkJobsResponse>;
