import {
  BULK_MAX_JOBS,
  CANCELABLE_STATES,
  FINISHED_STATES,
  WAITING_STATES,
  type BulkJobResult,
  type BulkJobsResponse,
  type CancelJobResponse,
  type ChangePriorityResponse,
  type JobState,
  type OperatorContext,
  type ReplayJobResponse,
} from '@execops/contract';
import { recordAudit, type AuditRecord } from '../audit/audit-log.ts';
import { copyEdgesForReplay, lockReplayPlace, resetSkippedDescendants } from '../dag/dag-replay.ts';
import { withTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { uuidv7 } from '../ids.ts';
import { JobNotFoundError, JobStateConflictError, TooManyJobsError } from '../store/errors.ts';
import { jobFilterConditions, type JobFilter } from '../store/job-listing.ts';
import { toJobSummary, type JobRow } from '../store/job-rows.ts';
import { CANCEL_SQL, GET_JOB_SQL } from '../store/job-sql.ts';
import { CHANGE_PRIORITY_SQL, JOB_STATES_SQL, REPLAY_SQL } from './operations-sql.ts';

/** One action applied to one job: the job after it and the audit's before/after, or the state that refused it. */
type Applied = { applied: true; row: JobRow; before: object; after: object } | { applied: false; state: JobState | null };

interface ActionSpec {
  name: 'cancel' | 'replay' | 'priority';
  auditAction: string;
  actionable: readonly JobState[];
  apply(client: PoolClient, tenant: string, jobId: string, operator: OperatorContext): Promise<Applied>;
  outcome(applied: Extract<Applied, { applied: true }>): Pick<BulkJobResult, 'outcome' | 'newJobId'>;
}

type PriorRow = JobRow & { prior_state: JobState };

/** `SELECT … target LEFT JOIN updated` statements answer one row per existing job; `id` is null when refused. */
function refusedOrRow(rows: PriorRow[]): PriorRow | { applied: false; state: JobState | null } {
  const row = rows[0];
  if (!row) return { applied: false, state: null };
  if (row.id === null) return { applied: false, state: row.prior_state };
  return row;
}

const cancelAction: ActionSpec = {
  name: 'cancel',
  auditAction: 'job.cancel',
  actionable: CANCELABLE_STATES,
  async apply(client, tenant, jobId, operator) {
    const found = refusedOrRow((await client.query<PriorRow>(CANCEL_SQL, [tenant, jobId, operator.reason])).rows);
    if ('applied' in found) return found;
    const outcome = found.state === 'running' ? 'cancel_requested' : 'canceled';
    return { applied: true, row: found, before: { state: found.prior_state }, after: { state: found.state, outcome } };
  },
  outcome: ({ row }) => ({ outcome: row.state === 'running' ? 'cancel_requested' : 'canceled' }),
};

export interface ReplayOptions {
  /** Default: 100 ahead of the original. */
  priority?: number | undefined;
  /** The new job takes the original's place in its graph, and descendants skipped because of it wait again. */
  withDownstream?: boolean | undefined;
}

function replayAction({ priority, withDownstream = false }: ReplayOptions): ActionSpec {
  return {
    name: 'replay',
    auditAction: 'job.replay',
    actionable: FINISHED_STATES,
    async apply(client, tenant, jobId) {
      // Locked before the replay statement reads the job, so the DAG lock order (parents first) holds.
      const place = withDownstream ? await lockReplayPlace(client, tenant, jobId) : undefined;
      const newId = uuidv7();
      const found = refusedOrRow((await client.query<PriorRow>(REPLAY_SQL, [tenant, jobId, newId, priority ?? null])).rows);
      if ('applied' in found) return found;
      let row: JobRow = found;
      let resetJobIds: string[] = [];
      if (place) {
        await copyEdgesForReplay(client, place, newId);
        resetJobIds = await resetSkippedDescendants(client, newId);
        row = (await client.query<JobRow>(GET_JOB_SQL, [tenant, newId])).rows[0] ?? found;
      }
      return {
        applied: true,
        row,
        before: { state: found.prior_state },
        after: { replayJobId: newId, priority: row.priority, withDownstream, resetJobIds },
      };
    },
    outcome: ({ row }) => ({ outcome: 'replayed', newJobId: row.id }),
  };
}

function priorityAction(priority: number): ActionSpec {
  return {
    name: 'priority',
    auditAction: 'job.priority',
    actionable: WAITING_STATES,
    async apply(client, tenant, jobId) {
      const { rows } = await client.query<PriorRow & { prior_priority: number }>(CHANGE_PRIORITY_SQL, [tenant, jobId, priority]);
      const found = refusedOrRow(rows);
      if ('applied' in found) return found;
      return { applied: true, row: found, before: { priority: rows[0]?.prior_priority }, after: { priority } };
    },
    outcome: () => ({ outcome: 'reprioritized' }),
  };
}

export type BulkSelection = { ids: readonly string[] } | { filter: JobFilter };
/** A dry run only counts, so it needs no operator; a real run is done and audited in the operator's name. */
export type BulkRun = { dryRun: true } | { dryRun: false; operator: OperatorContext };

/**
 * Operator actions on jobs, one or many at a time. Each runs in one transaction with its audit rows; a bulk
 * action either applies to every selected job it can or, on error, to none.
 */
export class JobOperations {
  constructor(private readonly pool: Pool) {}

  cancel(tenant: string, jobId: string, operator: OperatorContext): Promise<CancelJobResponse> {
    return withTransaction(this.pool, (client) => cancelJobInTransaction(client, tenant, jobId, operator));
  }

  replay(tenant: string, jobId: string, operator: OperatorContext, options: ReplayOptions = {}): Promise<ReplayJobResponse> {
    return withTransaction(this.pool, (client) => replayJobInTransaction(client, tenant, jobId, operator, options));
  }

  async changePriority(tenant: string, jobId: string, priority: number, operator: OperatorContext): Promise<ChangePriorityResponse> {
    const { row, before } = await this.one(priorityAction(priority), tenant, jobId, operator);
    return { job: toJobSummary(row), previousPriority: (before as { priority: number }).priority };
  }

  bulkCancel(tenant: string, selection: BulkSelection, run: BulkRun): Promise<BulkJobsResponse> {
    return this.bulk(cancelAction, tenant, selection, run);
  }

  bulkReplay(tenant: string, selection: BulkSelection, run: BulkRun): Promise<BulkJobsResponse> {
    return this.bulk(replayAction({}), tenant, selection, run);
  }

  bulkPriority(tenant: string, selection: BulkSelection, priority: number, run: BulkRun): Promise<BulkJobsResponse> {
    return this.bulk(priorityAction(priority), tenant, selection, run);
  }

  private one(action: ActionSpec, tenant: string, jobId: string, operator: OperatorContext) {
    return withTransaction(this.pool, (client) => applyAudited(client, action, tenant, jobId, operator));
  }

  private async bulk(action: ActionSpec, tenant: string, selection: BulkSelection, run: BulkRun): Promise<BulkJobsResponse> {
    if (run.dryRun) {
      const { selected, actionable } = await this.countSelection(action, tenant, selection);
      return { dryRun: true, selected, matched: actionable, affected: 0, results: [] };
    }
    const { operator } = run;
    return withTransaction(this.pool, async (client) => {
      const ids = 'ids' in selection ? [...new Set(selection.ids)] : await this.actionableIds(client, action, tenant, selection.filter);
      const selected = 'ids' in selection ? undefined : (await this.countSelection(action, tenant, selection, client)).selected;
      const results: BulkJobResult[] = [];
      const audits: AuditRecord[] = [];
      for (const id of ids) {
        const applied = await action.apply(client, tenant, id, operator);
        if (!applied.applied) {
          results.push({ id, outcome: applied.state === null ? 'not_found' : 'not_applicable', state: applied.state });
          continue;
        }
        results.push({ id, state: applied.row.state, ...action.outcome(applied) });
        audits.push(auditOf(action, tenant, id, operator, applied, { bulk: true }));
      }
      await recordAudit(client, audits);
      const found = results.filter((r) => r.outcome !== 'not_found').length;
      return { dryRun: false, selected: selected ?? found, matched: audits.length, affected: audits.length, results };
    });
  }

  /** How many jobs the selection holds, and how many of them the action applies to. */
  private async countSelection(
    action: ActionSpec,
    tenant: string,
    selection: BulkSelection,
    db: Pool | PoolClient = this.pool,
  ): Promise<{ selected: number; actionable: number }> {
    if ('ids' in selection) {
      const { rows } = await db.query<{ state: JobState }>(JOB_STATES_SQL, [tenant, [...new Set(selection.ids)]]);
      return { selected: rows.length, actionable: rows.filter((r) => action.actionable.includes(r.state)).length };
    }
    const values: unknown[] = [];
    const where = jobFilterConditions(tenant, selection.filter, values).join(' AND ');
    const actionable = `$${values.push(action.actionable)}::text[]`;
    const { rows } = await db.query<{ selected: number; actionable: number }>(
      `SELECT count(*)::int AS selected, (count(*) FILTER (WHERE state = ANY(${actionable})))::int AS actionable FROM jobs WHERE ${where}`,
      values,
    );
    return rows[0] ?? { selected: 0, actionable: 0 };
  }

  private async actionableIds(client: PoolClient, action: ActionSpec, tenant: string, filter: JobFilter): Promise<string[]> {
    const values: unknown[] = [];
    const where = actionableConditions(action, tenant, filter, values);
    const limit = `$${values.push(BULK_MAX_JOBS + 1)}`;
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM jobs WHERE ${where} ORDER BY id LIMIT ${limit}`, values);
    if (rows.length > BULK_MAX_JOBS) throw new TooManyJobsError(BULK_MAX_JOBS);
    return rows.map((r) => r.id);
  }
}

async function applyAudited(
  client: PoolClient,
  action: ActionSpec,
  tenant: string,
  jobId: string,
  operator: OperatorContext,
  extra: object = {},
): Promise<Extract<Applied, { applied: true }>> {
  const applied = await action.apply(client, tenant, jobId, operator);
  if (!applied.applied) {
    if (applied.state === null) throw new JobNotFoundError(jobId);
    throw new JobStateConflictError(jobId, applied.state, action.name);
  }
  await recordAudit(client, [auditOf(action, tenant, jobId, operator, applied, extra)]);
  return applied;
}

/**
 * Replays a finished job inside the caller's transaction, audited as `job.replay` like every replay, so other
 * actions (a dead-letter replay) commit the new job together with their own rows. `auditExtra` joins the audit's after.
 */
export async function replayJobInTransaction(
  client: PoolClient,
  tenant: string,
  jobId: string,
  operator: OperatorContext,
  options: ReplayOptions = {},
  auditExtra: object = {},
): Promise<ReplayJobResponse> {
  const { row, after } = await applyAudited(client, replayAction(options), tenant, jobId, operator, auditExtra);
  return { job: toJobSummary(row), replayOf: jobId, resetJobIds: (after as { resetJobIds: string[] }).resetJobIds };
}

/** Cancels a job inside the caller's transaction, audited as `job.cancel`, so a run's cancel commits with its own rows. */
export async function cancelJobInTransaction(client: PoolClient, tenant: string, jobId: string, operator: OperatorContext): Promise<CancelJobResponse> {
  const { row } = await applyAudited(client, cancelAction, tenant, jobId, operator);
  return { job: toJobSummary(row), outcome: row.state === 'running' ? 'cancel_requested' : 'canceled' };
}

/**
 * Cancels each of the jobs inside the caller's transaction (in the order given: parents before children in a DAG);
 * one that finished since the caller listed it is left alone. Answers the ids canceled.
 */
export async function cancelJobsInTransaction(client: PoolClient, tenant: string, jobIds: readonly string[], operator: OperatorContext): Promise<string[]> {
  const canceled: string[] = [];
  for (const id of jobIds) {
    try {
      canceled.push((await cancelJobInTransaction(client, tenant, id, operator)).job.id);
    } catch (error) {
      // Finished between the listing and its lock: nothing left to cancel.
      if (!(error instanceof JobStateConflictError)) throw error;
    }
  }
  return canceled;
}

/** The filter's conditions plus "the action applies to the job's state". */
function actionableConditions(action: ActionSpec, tenant: string, filter: JobFilter, values: unknown[]): string {
  return [...jobFilterConditions(tenant, filter, values), `state = ANY($${values.push(action.actionable)}::text[])`].join(' AND ');
}

function auditOf(
  action: ActionSpec,
  tenant: string,
  jobId: string,
  operator: OperatorContext,
  applied: Extract<Applied, { applied: true }>,
  extra: object = {},
): AuditRecord {
  return { tenant, operator, action: action.auditAction, targetType: 'job', targetId: jobId, before: applied.before, after: { ...applied.after, ...extra } };
}
