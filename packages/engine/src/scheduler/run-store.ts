import { CANCELABLE_STATES, type ListRunsQuery, type OperatorContext, type Run, type RunActionResponse, type RunPage } from '@execops/contract';
import { recordAudit } from '../audit/audit-log.ts';
import { withTransaction, type Pool, type Queryable } from '../db/pool.ts';
import { cancelJobsInTransaction, replayJobInTransaction } from '../operations/job-operations.ts';
import { InvalidCursorError } from '../store/errors.ts';
import { RunNotFoundError, ScheduleConflictError } from './schedule-errors.ts';
import { toRun, type RunRow } from './scheduler-rows.ts';
import { INSERT_EVENT_SQL, RUN_JOBS_IN_STATE_SQL, runsSelect } from './scheduler-sql.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function readRun(db: Queryable, tenant: string, runId: string): Promise<Run> {
  const { rows } = await db.query<RunRow>(runsSelect('r.tenant = $1 AND r.id = $2'), [tenant, runId]);
  if (!rows[0]) throw new RunNotFoundError(runId);
  return toRun(rows[0]);
}

/** Runs (of schedules and manual triggers) with the state derived from their jobs; cancel and retry-failed. */
export class RunStore {
  constructor(private readonly pool: Pool) {}

  get(tenant: string, runId: string): Promise<Run> {
    return readRun(this.pool, tenant, runId);
  }

  /** Newest first; the cursor is the last id seen. */
  async list(tenant: string, query: ListRunsQuery): Promise<RunPage> {
    const values: unknown[] = [tenant];
    const where = ['r.tenant = $1'];
    const param = (value: unknown) => `$${values.push(value)}`;
    if (query.scheduleId) where.push(`r.schedule_id = ${param(query.scheduleId)}`);
    if (query.trigger) where.push(`r.trigger = ANY(${param(query.trigger)}::text[])`);
    if (query.createdAfter) where.push(`r.created_at >= ${param(query.createdAfter)}`);
    if (query.createdBefore) where.push(`r.created_at < ${param(query.createdBefore)}`);
    if (query.cursor) {
      if (!UUID.test(query.cursor)) throw new InvalidCursorError();
      where.push(`r.id < ${param(query.cursor)}::uuid`);
    }
    const outer = query.state ? `state = ANY(${param(query.state)}::text[])` : 'true';
    const { rows } = await this.pool.query<RunRow>(
      `${runsSelect(where.join(' AND '), outer)} ORDER BY id DESC LIMIT ${param(query.limit + 1)}`,
      values,
    );
    const page = rows.slice(0, query.limit);
    return { items: page.map(toRun), nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
  }

  /** Cancels the run's unfinished jobs (running ones are asked to stop); 409 when none is left. */
  cancel(tenant: string, runId: string, operator: OperatorContext): Promise<RunActionResponse> {
    return withTransaction(this.pool, async (client) => {
      const before = await readRun(client, tenant, runId);
      const { rows } = await client.query<{ id: string }>(RUN_JOBS_IN_STATE_SQL, [tenant, runId, CANCELABLE_STATES]);
      const jobIds = await cancelJobsInTransaction(client, tenant, rows.map((r) => r.id), operator);
      if (jobIds.length === 0) throw new ScheduleConflictError(`run ${runId} has no unfinished jobs (state ${before.state})`);
      return this.finish(client, operator, 'run.cancel', 'run.cancel_requested', before, jobIds);
    });
  }

  /** Replays the run's failed jobs (not yet replayed) into the same run, their skipped descendants waiting again. */
  retryFailed(tenant: string, runId: string, operator: OperatorContext): Promise<RunActionResponse> {
    return withTransaction(this.pool, async (client) => {
      const before = await readRun(client, tenant, runId);
      const { rows } = await client.query<{ id: string }>(RUN_JOBS_IN_STATE_SQL, [tenant, runId, ['failed']]);
      if (rows.length === 0) throw new ScheduleConflictError(`run ${runId} has no failed jobs to retry (state ${before.state})`);
      const jobIds: string[] = [];
      for (const { id } of rows) {
        const replay = await replayJobInTransaction(client, tenant, id, operator, { withDownstream: true }, { runId });
        jobIds.push(replay.job.id);
      }
      return this.finish(client, operator, 'run.retry_failed', 'run.retried', before, jobIds);
    });
  }

  private async finish(client: Queryable, operator: OperatorContext, action: string, eventType: string, before: Run, jobIds: string[]) {
    const run = await readRun(client, before.tenant, before.id);
    await recordAudit(client, [
      { tenant: before.tenant, operator, action, targetType: 'run', targetId: before.id, before: { state: before.state }, after: { state: run.state, jobIds } },
    ]);
    await client.query(INSERT_EVENT_SQL, [before.tenant, 'runs', eventType, before.id, JSON.stringify({ jobIds, state: run.state })]);
    return { run, jobIds };
  }
}
