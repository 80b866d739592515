import {
  DEAD_LETTER_BULK_MAX_MATCHES,
  type BulkDeadLetterResponse,
  type DeadLetterCluster,
  type DeadLetterEntry,
  type DeadLetterEntryDetail,
  type DeadLetterFilter,
  type DeadLetterPage,
  type DeadLetterStats,
  type DeadLetterStatus,
  type JobError,
  type ListDeadLetterQuery,
  type OperatorContext,
  type ReplayDeadLetterResponse,
} from '@execops/contract';
import { recordAudit, type AuditRecord } from '../audit/audit-log.ts';
import { withTransaction, type Pool, type PoolClient, type Queryable } from '../db/pool.ts';
import { replayJobInTransaction, type BulkRun } from '../operations/job-operations.ts';
import { JobNotFoundError } from '../store/errors.ts';
import { toJobDetail, toJobSummary, type AttemptRow, type JobRow } from '../store/job-rows.ts';
import { GET_ATTEMPTS_SQL, GET_JOB_SQL } from '../store/job-sql.ts';
import { DeadLetterConflictError, DeadLetterNotFoundError, TooManyEntriesError } from './dead-letter-errors.ts';
import {
  afterPosition,
  deadLetterConditions,
  decodeDeadLetterCursor,
  encodeDeadLetterCursor,
  SORT_KEY_SQL,
} from './dead-letter-filter.ts';
import {
  toDeadLetterEntry,
  toDeadLetterReplay,
  type DeadLetterRow,
  type DeadLetterTotalsRow,
  type ReplayRow,
} from './dead-letter-rows.ts';
import {
  DEAD_LETTER_TOTALS_SQL,
  ENTRY_STATUSES_SQL,
  GET_ENTRY_SQL,
  LOCK_ENTRY_SQL,
  RECORD_REPLAY_SQL,
  REPLAY_BY_KEY_SQL,
  REPLAYS_SQL,
  RESOLVE_SQL,
  STATS_BY_JOB_TYPE_SQL,
  STATS_CLUSTERS_SQL,
  STATS_HOURLY_SQL,
} from './dead-letter-sql.ts';

const TOP_CLUSTERS = 20;
/** Rows fetched per round trip while exporting: the export never holds more than this many entries. */
export const EXPORT_BATCH_ROWS = 1000;

/** Replay and resolve both apply to every entry not yet resolved. */
const UNRESOLVED: readonly DeadLetterStatus[] = ['open', 'replayed'];

export type DeadLetterSelection = { ids: readonly string[] } | { filter: DeadLetterFilter };
/** A dry run only counts, so it needs no operator (the same run as the jobs' bulk actions). */
export type DeadLetterRun = BulkRun;

export interface ReplayEntryOptions {
  priority?: number | undefined;
  /** The same key for the same entry returns the replay it made and writes nothing more. */
  idempotencyKey?: string | undefined;
}

type SortedRow = DeadLetterRow & { sort_key: string };

/**
 * The dead-letter queue of each tenant: entries (written by the database when a job fails terminally), their
 * stats, replay and resolution one or many at a time (each one transaction with its audit rows), and exports
 * read through a cursor in batches.
 */
export class DeadLetterQueue {
  constructor(private readonly pool: Pool) {}

  async list(tenant: string, query: ListDeadLetterQuery): Promise<DeadLetterPage> {
    const values: unknown[] = [];
    const where = deadLetterConditions(tenant, query, values);
    if (query.cursor) where.push(afterPosition(decodeDeadLetterCursor(query.cursor), values));
    const { rows } = await this.pool.query<SortedRow>(
      `SELECT *, ${SORT_KEY_SQL} AS sort_key FROM dead_letter WHERE ${where.join(' AND ')}
       ORDER BY dead_lettered_at DESC, id DESC LIMIT $${values.push(query.limit + 1)}`,
      values,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toDeadLetterEntry),
      nextCursor: rows.length > query.limit && last ? encodeDeadLetterCursor({ at: last.sort_key, id: last.id }) : null,
    };
  }

  async get(tenant: string, entryId: string): Promise<DeadLetterEntryDetail> {
    const entry = await findEntry(this.pool, tenant, entryId);
    const [job, attempts, replays] = await Promise.all([
      this.pool.query<JobRow>(GET_JOB_SQL, [tenant, entry.job_id]),
      this.pool.query<AttemptRow>(GET_ATTEMPTS_SQL, [entry.job_id]),
      this.pool.query<ReplayRow>(REPLAYS_SQL, [entry.id]),
    ]);
    const jobRow = job.rows[0];
    return {
      ...toDeadLetterEntry(entry),
      payload: jobRow ? toJobDetail(jobRow, []).payload : null,
      attemptHistory: jobRow ? toJobDetail(jobRow, attempts.rows).attempts : [],
      replays: replays.rows.map(toDeadLetterReplay),
    };
  }

  async stats(tenant: string): Promise<DeadLetterStats> {
    type ClusterRow = { cluster_key: string; open: number; first_at: Date; last_at: Date; job_types: string[]; newest_error: JobError };
    const [total, clusters, byJobType, hourly] = await Promise.all([
      openTotals(this.pool, tenant),
      this.pool.query<ClusterRow>(STATS_CLUSTERS_SQL, [tenant, TOP_CLUSTERS]),
      this.pool.query<{ job_type: string; open: number; total: number }>(STATS_BY_JOB_TYPE_SQL, [tenant]),
      this.pool.query<{ hour: Date; count: number }>(STATS_HOURLY_SQL, [tenant]),
    ]);
    const topClusters: DeadLetterCluster[] = clusters.rows.map((c) => ({
      clusterKey: c.cluster_key,
      code: c.newest_error.code,
      sampleMessage: c.newest_error.message,
      errorClass: c.newest_error.class,
      retryable: c.newest_error.retryable,
      jobTypes: c.job_types,
      open: c.open,
      firstAt: c.first_at.toISOString(),
      lastAt: c.last_at.toISOString(),
    }));
    return {
      generatedAt: total.generated_at.toISOString(),
      open: total.open,
      oldestOpenAt: total.oldest_open_at?.toISOString() ?? null,
      retryableOpen: total.retryable_open,
      mostCommonError: topClusters[0] ?? null,
      topClusters,
      byJobType: byJobType.rows.map((r) => ({ jobType: r.job_type, open: r.open, total: r.total })),
      last24h: hourly.rows.map((r) => ({ hour: r.hour.toISOString(), count: r.count })),
    };
  }

  replay(tenant: string, entryId: string, operator: OperatorContext, options: ReplayEntryOptions = {}): Promise<ReplayDeadLetterResponse> {
    return withTransaction(this.pool, async (client) => {
      const entry = await findEntry(client, tenant, entryId, true);
      if (options.idempotencyKey !== undefined) {
        const earlier = (await client.query<{ job_id: string }>(REPLAY_BY_KEY_SQL, [entry.id, options.idempotencyKey])).rows[0];
        if (earlier) {
          const job = (await client.query<JobRow>(GET_JOB_SQL, [tenant, earlier.job_id])).rows[0];
          if (!job) throw new DeadLetterConflictError(`the job ${earlier.job_id} this Idempotency-Key replayed was pruned; use a new key`);
          return { entry: toDeadLetterEntry(entry), job: toJobSummary(job), created: false };
        }
      }
      const replayed = await replayEntry(client, entry, operator, options.priority, options.idempotencyKey);
      if (!replayed.replayed) throw new DeadLetterConflictError(replayed.why);
      await recordAudit(client, [replayAudit(entry, operator, replayed.jobId)]);
      return { entry: toDeadLetterEntry(replayed.entry), job: replayed.job, created: true };
    });
  }

  resolve(tenant: string, entryId: string, note: string, operator: OperatorContext): Promise<DeadLetterEntry> {
    return withTransaction(this.pool, async (client) => {
      const entry = await findEntry(client, tenant, entryId, true);
      if (entry.status === 'resolved') throw new DeadLetterConflictError(`dead-letter entry ${entryId} is already resolved`);
      const [resolved] = await resolveEntries(client, tenant, [entry.id], note, operator);
      if (!resolved) throw new Error(`dead-letter entry ${entryId} vanished while locked`);
      await recordAudit(client, [resolveAudit(tenant, entry.id, entry.status, operator, note)]);
      return toDeadLetterEntry(resolved);
    });
  }

  async bulkReplay(tenant: string, selection: DeadLetterSelection, run: DeadLetterRun, priority?: number): Promise<BulkDeadLetterResponse> {
    if (run.dryRun) return this.countSelection(tenant, selection, UNRESOLVED);
    const { operator } = run;
    return withTransaction(this.pool, async (client) => {
      const { ids, selected } = await this.selectIds(client, tenant, selection, UNRESOLVED);
      const results: BulkDeadLetterResponse['results'] = [];
      const audits: AuditRecord[] = [];
      for (const id of ids) {
        const entry = (await client.query<DeadLetterRow>(LOCK_ENTRY_SQL, [tenant, id])).rows[0];
        if (!entry) {
          results.push({ id, outcome: 'not_found', status: null });
          continue;
        }
        const replayed = await replayEntry(client, entry, operator, priority, undefined, { bulk: true });
        if (!replayed.replayed) {
          results.push({ id, outcome: 'not_applicable', status: entry.status });
          continue;
        }
        results.push({ id, outcome: 'replayed', status: replayed.entry.status, newJobId: replayed.jobId });
        audits.push(replayAudit(entry, operator, replayed.jobId, { bulk: true }));
      }
      await recordAudit(client, audits);
      return { dryRun: false, selected: selected ?? countFound(results), matched: audits.length, affected: audits.length, results };
    });
  }

  async bulkResolve(tenant: string, selection: DeadLetterSelection, run: DeadLetterRun, note?: string): Promise<BulkDeadLetterResponse> {
    if (run.dryRun) return this.countSelection(tenant, selection, UNRESOLVED);
    const { operator } = run;
    if (note === undefined) throw new Error('bulkResolve: a note is required unless dryRun');
    return withTransaction(this.pool, async (client) => {
      const { ids, selected } = await this.selectIds(client, tenant, selection, UNRESOLVED);
      const { rows: current } = await client.query<{ id: string; status: DeadLetterStatus }>(
        `${ENTRY_STATUSES_SQL} ORDER BY id FOR UPDATE`,
        [tenant, ids],
      );
      const statusOf = new Map(current.map((r) => [r.id, r.status]));
      const resolved = new Map((await resolveEntries(client, tenant, ids, note, operator)).map((r) => [r.id, r]));
      const results: BulkDeadLetterResponse['results'] = ids.map((id) => {
        const status = statusOf.get(id);
        if (status === undefined) return { id, outcome: 'not_found', status: null };
        return resolved.has(id) ? { id, outcome: 'resolved', status: 'resolved' } : { id, outcome: 'not_applicable', status };
      });
      await recordAudit(
        client,
        [...resolved.keys()].map((id) => resolveAudit(tenant, id, statusOf.get(id) ?? 'open', operator, note, { bulk: true })),
      );
      return { dryRun: false, selected: selected ?? countFound(results), matched: resolved.size, affected: resolved.size, results };
    });
  }

  /**
   * The entries matching `filter`, newest first, in batches of `batchSize` read through a server-side cursor in
   * one read-only snapshot: an export of any size holds one batch at a time. Stopping early closes the cursor.
   */
  async *exportBatches(tenant: string, filter: DeadLetterFilter, batchSize = EXPORT_BATCH_ROWS): AsyncGenerator<DeadLetterEntry[]> {
    const client = await this.pool.connect();
    let failed = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const values: unknown[] = [];
      const where = deadLetterConditions(tenant, filter, values).join(' AND ');
      await client.query(`DECLARE dead_letter_export NO SCROLL CURSOR FOR
        SELECT * FROM dead_letter WHERE ${where} ORDER BY dead_lettered_at DESC, id DESC`, values);
      for (;;) {
        const { rows } = await client.query<DeadLetterRow>(`FETCH ${Math.trunc(batchSize)} FROM dead_letter_export`);
        if (rows.length === 0) break;
        yield rows.map(toDeadLetterEntry);
        if (rows.length < batchSize) break;
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      await client.query(failed ? 'ROLLBACK' : 'COMMIT').catch(() => undefined);
      client.release();
    }
  }

  /** How many entries the selection holds, and how many of them the action applies to. */
  private async countSelection(
    tenant: string,
    selection: DeadLetterSelection,
    actionable: readonly DeadLetterStatus[],
  ): Promise<BulkDeadLetterResponse> {
    const counted = await this.count(this.pool, tenant, selection, actionable);
    return { dryRun: true, selected: counted.selected, matched: counted.actionable, affected: 0, results: [] };
  }

  private async count(db: Queryable, tenant: string, selection: DeadLetterSelection, actionable: readonly DeadLetterStatus[]) {
    if ('ids' in selection) {
      const { rows } = await db.query<{ status: DeadLetterStatus }>(ENTRY_STATUSES_SQL, [tenant, [...new Set(selection.ids)]]);
      return { selected: rows.length, actionable: rows.filter((r) => actionable.includes(r.status)).length };
    }
    const values: unknown[] = [];
    const where = deadLetterConditions(tenant, selection.filter, values).join(' AND ');
    const { rows } = await db.query<{ selected: number; actionable: number }>(
      `SELECT count(*)::int AS selected, (count(*) FILTER (WHERE status = ANY($${values.push(actionable)}::text[])))::int AS actionable
       FROM dead_letter WHERE ${where}`,
      values,
    );
    return rows[0] ?? { selected: 0, actionable: 0 };
  }

  /** The ids to act on: the given ones, or the filter's actionable matches (refused past the bulk limit). */
  private async selectIds(
    client: PoolClient,
    tenant: string,
    selection: DeadLetterSelection,
    actionable: readonly DeadLetterStatus[],
  ): Promise<{ ids: string[]; selected: number | undefined }> {
    if ('ids' in selection) return { ids: [...new Set(selection.ids)], selected: undefined };
    const values: unknown[] = [];
    const where = [...deadLetterConditions(tenant, selection.filter, values), `status = ANY($${values.push(actionable)}::text[])`];
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM dead_letter WHERE ${where.join(' AND ')} ORDER BY dead_lettered_at DESC, id DESC LIMIT $${values.push(DEAD_LETTER_BULK_MAX_MATCHES + 1)}`,
      values,
    );
    if (rows.length > DEAD_LETTER_BULK_MAX_MATCHES) throw new TooManyEntriesError();
    const { selected } = await this.count(client, tenant, selection, actionable);
    return { ids: rows.map((r) => r.id), selected };
  }
}

/** A tenant's open entries: how many, how many retryable, the oldest (stats and the overview's card). */
export async function openTotals(db: Queryable, tenant: string): Promise<DeadLetterTotalsRow> {
  const total = (await db.query<DeadLetterTotalsRow>(DEAD_LETTER_TOTALS_SQL, [tenant])).rows[0];
  if (!total) throw new Error('dead-letter totals returned no row');
  return total;
}

async function findEntry(db: Queryable, tenant: string, entryId: string, lock = false): Promise<DeadLetterRow> {
  const entry = (await db.query<DeadLetterRow>(lock ? LOCK_ENTRY_SQL : GET_ENTRY_SQL, [tenant, entryId])).rows[0];
  if (!entry) throw new DeadLetterNotFoundError(entryId);
  return entry;
}

type EntryReplay =
  | { replayed: true; entry: DeadLetterRow; job: ReplayDeadLetterResponse['job']; jobId: string }
  | { replayed: false; why: string };

/** Replays the entry's job (the job replay, audited as such) and records it on the locked entry with its event. */
async function replayEntry(
  client: PoolClient,
  entry: DeadLetterRow,
  operator: OperatorContext,
  priority: number | undefined,
  idempotencyKey: string | undefined,
  auditExtra: object = {},
): Promise<EntryReplay> {
  if (entry.status === 'resolved') return { replayed: false, why: `dead-letter entry ${entry.id} is resolved; it cannot be replayed` };
  let job: ReplayDeadLetterResponse['job'];
  try {
    ({ job } = await replayJobInTransaction(client, entry.tenant, entry.job_id, operator, { priority }, { deadLetterEntryId: entry.id, ...auditExtra }));
  } catch (error) {
    if (error instanceof JobNotFoundError) return { replayed: false, why: `the failed job ${entry.job_id} was pruned; resolve the entry instead` };
    throw error;
  }
  const { rows } = await client.query<DeadLetterRow>(RECORD_REPLAY_SQL, [
    entry.id,
    job.id,
    idempotencyKey ?? null,
    operator.actor,
    operator.reason,
    operator.ticket ?? null,
  ]);
  const updated = rows[0];
  if (!updated) throw new Error(`dead-letter entry ${entry.id} vanished while locked`);
  return { replayed: true, entry: updated, job, jobId: job.id };
}

function resolveEntries(client: PoolClient, tenant: string, ids: readonly string[], note: string, operator: OperatorContext) {
  return client.query<DeadLetterRow>(RESOLVE_SQL, [tenant, ids, note, operator.ticket ?? null, operator.actor]).then((r) => r.rows);
}

function replayAudit(entry: DeadLetterRow, operator: OperatorContext, jobId: string, extra: object = {}): AuditRecord {
  return {
    tenant: entry.tenant,
    operator,
    action: 'deadletter.replay',
    targetType: 'deadletter',
    targetId: entry.id,
    before: { status: entry.status },
    after: { status: 'replayed', replayJobId: jobId, ...extra },
  };
}

function resolveAudit(
  tenant: string,
  entryId: string,
  prior: DeadLetterStatus,
  operator: OperatorContext,
  note: string,
  extra: object = {},
): AuditRecord {
  return {
    tenant,
    operator,
    action: 'deadletter.resolve',
    targetType: 'deadletter',
    targetId: entryId,
    before: { status: prior },
    after: { status: 'resolved', note, ...extra },
  };
}

function countFound(results: BulkDeadLetterResponse['results']): number {
  return results.filter((r) => r.outcome !== 'not_found').length;
}
