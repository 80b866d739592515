import type {
  CancelJobResponse,
  CreatePipelineRequest,
  CreatePipelineResponse,
  EnqueueJobRequest,
  EnqueueJobResponse,
  JobDetail,
  JobDag,
  JobError,
  JobPage,
  ListJobsQuery,
  OperatorContext,
} from '@execops/contract';
import { createPipeline, enqueueWithParents, hasParents, type JobInserter, type NewJob } from '../dag/dag-enqueue.ts';
import { loadJobDag } from '../dag/dag-view.ts';
import { withTransaction, type Pool, type Queryable } from '../db/pool.ts';
import { LOCK_QUOTAS_SQL, QUOTA_CLAIM_SQL, QUOTAS_APPLY_SQL } from '../quotas/quota-sql.ts';
import { JobOperations } from '../operations/job-operations.ts';
import { uuidv7 } from '../ids.ts';
import { canonicalJson, sha256Hex } from './canonical-json.ts';
import type {
  ClaimedJob,
  ClaimRequest,
  Completion,
  EngineStore,
  FailOutcome,
  FailRequest,
  HeartbeatRequest,
  HeartbeatResult,
  Lease,
  PruneResult,
  RescueResult,
} from './engine-store.ts';
import { LeaseLostError, PayloadTooLargeError } from './errors.ts';
import { buildListJobsQuery, encodeCursor, SORT_KEY_COLUMN } from './job-listing.ts';
import { toJobDetail, toJobSummary, type AttemptRow, type ClaimRow, type JobRow } from './job-rows.ts';
import {
  CLAIM_STATEMENT,
  COMPLETE_STATEMENT,
  ENQUEUE_STATEMENT,
  FAIL_STATEMENT,
  FIND_UNFINISHED_BY_KEYS_SQL,
  GET_ATTEMPTS_SQL,
  GET_JOB_SQL,
  HEARTBEAT_STATEMENT,
  PRUNE_EVENTS_SQL,
  PRUNE_JOBS_SQL,
  RESCUE_STATEMENT,
} from './job-sql.ts';

export interface RetryPolicy {
  baseSeconds: number;
  capSeconds: number;
}

export interface PgStoreOptions {
  pool: Pool;
  /** Largest payload, as canonical JSON bytes. Default 1 MiB. */
  payloadLimitBytes?: number;
  retry?: RetryPolicy;
}

export const DEFAULT_RETRY: RetryPolicy = { baseSeconds: 2, capSeconds: 600 };
const DEFAULT_PAYLOAD_LIMIT = 1024 * 1024;
/** An idempotency key can free up (its job finishes) between our insert and our lookup; then we insert again. */
const ENQUEUE_ROUNDS = 3;

const LEASE_EXPIRED_ERROR: JobError = {
  code: 'lease_expired',
  message: 'the worker stopped heartbeating before the lease ran out',
  class: 'lease_expired',
  retryable: true,
};

interface PreparedJob extends NewJob {
  index: number;
  id: string;
  payloadText: string;
}

function toClaimedJob(row: ClaimRow): ClaimedJob {
  return {
    jobId: row.id,
    leaseId: row.lease_id!,
    tenant: row.tenant,
    jobType: row.job_type,
    queue: row.queue,
    payload: row.payload,
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    timeoutSeconds: row.timeout_seconds,
    leaseUntil: row.lease_until!,
  };
}

export class PgStore implements EngineStore {
  private readonly pool: Pool;
  private readonly payloadLimitBytes: number;
  private readonly retry: RetryPolicy;
  /** Operator actions (cancel, replay, priority, their bulk forms), each with its audit rows. */
  readonly operations: JobOperations;

  constructor(options: PgStoreOptions) {
    this.pool = options.pool;
    this.payloadLimitBytes = options.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.operations = new JobOperations(options.pool);
  }

  async enqueueBatch(tenant: string, jobs: readonly EnqueueJobRequest[]): Promise<EnqueueJobResponse[]> {
    if (!jobs.some(hasParents)) return this.insert(this.pool, tenant, jobs.map((request) => ({ request, blocked: false })));
    return withTransaction(this.pool, (client) => enqueueWithParents(client, tenant, jobs, this.insert));
  }

  /** Creates a whole dependency graph in one transaction; throws `DagValidationError` for an invalid one. */
  createPipeline(tenant: string, request: CreatePipelineRequest): Promise<CreatePipelineResponse> {
    return withTransaction(this.pool, (client) => createPipeline(client, tenant, request, this.insert));
  }

  getJobDag(tenant: string, jobId: string): Promise<JobDag | null> {
    return loadJobDag(this.pool, tenant, jobId);
  }

  /**
   * Inserts jobs on `db` (the pool, or a caller's transaction: the DAG code, the scheduler's fires), resolving
   * idempotency keys to unfinished jobs.
   */
  readonly insert: JobInserter = async (db, tenant, jobs) => {
    let pending = jobs.map((job, index) => this.prepare(job, index));
    const results: EnqueueJobResponse[] = [];
    for (let round = 0; round < ENQUEUE_ROUNDS && pending.length > 0; round++) {
      const inserted = await this.insertJobs(db, tenant, pending);
      const waiting: PreparedJob[] = [];
      for (const job of pending) {
        const row = inserted.get(job.id);
        if (row) results[job.index] = { job: toJobSummary(row), created: true };
        else waiting.push(job);
      }
      const existing = await this.findUnfinishedByKeys(db, tenant, waiting);
      pending = [];
      for (const job of waiting) {
        const row = existing.get(job.request.idempotencyKey ?? '');
        if (row) results[job.index] = { job: toJobSummary(row), created: false };
        else pending.push({ ...job, id: uuidv7() });
      }
    }
    if (pending.length > 0) throw new Error('enqueue kept racing with jobs finishing under the same idempotency key');
    return results;
  };

  private prepare(job: NewJob, index: number): PreparedJob {
    const payloadText = canonicalJson(job.request.payload ?? {});
    const bytes = Buffer.byteLength(payloadText, 'utf8');
    if (bytes > this.payloadLimitBytes) throw new PayloadTooLargeError(bytes, this.payloadLimitBytes);
    return { ...job, index, id: uuidv7(), payloadText };
  }

  private async insertJobs(db: Queryable, tenant: string, jobs: readonly PreparedJob[]): Promise<Map<string, JobRow>> {
    const column = <T>(pick: (job: PreparedJob) => T) => jobs.map(pick);
    const { rows } = await db.query<JobRow>({
      ...ENQUEUE_STATEMENT,
      values: [
        tenant,
        column((j) => j.id),
        column((j) => j.request.jobType),
        column((j) => j.request.queue ?? j.request.jobType),
        column((j) => j.payloadText),
        column((j) => sha256Hex(j.payloadText)),
        column((j) => j.request.priority ?? 0),
        column((j) => j.request.maxAttempts ?? 5),
        column((j) => j.request.runAt ?? null),
        column((j) => j.request.idempotencyKey ?? null),
        column((j) => j.request.correlationId ?? null),
        column((j) => JSON.stringify(j.request.tags ?? [])),
        column((j) => j.request.timeoutSeconds ?? 300),
        column((j) => j.blocked),
      ],
    });
    return new Map(rows.map((row) => [row.id, row]));
  }

  private async findUnfinishedByKeys(db: Queryable, tenant: string, jobs: readonly PreparedJob[]): Promise<Map<string, JobRow>> {
    const keys = jobs.map((j) => j.request.idempotencyKey).filter((k): k is string => k !== undefined);
    if (keys.length === 0) return new Map();
    const { rows } = await db.query<JobRow>(FIND_UNFINISHED_BY_KEYS_SQL, [tenant, keys]);
    return new Map(rows.map((row) => [row.idempotency_key ?? '', row]));
  }

  async claim(request: ClaimRequest): Promise<ClaimedJob[]> {
    if (request.limit <= 0 || request.jobTypes.length === 0) return [];
    const params = [request.workerId, request.jobTypes, request.limit, request.leaseSeconds];
    const { rows } = await this.pool.query<ClaimRow>({ ...CLAIM_STATEMENT, values: params });
    if (rows.length > 0) return rows.map(toClaimedJob);
    const { rows: quota } = await this.pool.query<{ apply: boolean }>(QUOTAS_APPLY_SQL, [request.jobTypes]);
    if (!quota[0]?.apply) return [];
    // Quota rows are locked before the claim statement starts, so its running-job counts see every earlier claim.
    return withTransaction(this.pool, async (client) => {
      await client.query(LOCK_QUOTAS_SQL, [request.jobTypes]);
      return (await client.query<ClaimRow>(QUOTA_CLAIM_SQL, params)).rows.map(toClaimedJob);
    });
  }

  async heartbeat(request: HeartbeatRequest): Promise<HeartbeatResult> {
    const { rows } = await this.pool.query<{ lease_until: Date; cancel_requested_at: Date | null }>({
      ...HEARTBEAT_STATEMENT,
      values: [
        request.jobId,
        request.leaseId,
        request.leaseSeconds,
        request.progress !== undefined,
        request.progress?.percent ?? null,
        request.progress?.message ?? null,
      ],
    });
    const row = rows[0];
    if (!row) throw new LeaseLostError(request.jobId, request.leaseId);
    return { leaseUntil: row.lease_until, cancelRequested: row.cancel_requested_at !== null };
  }

  async complete(lease: Lease, result: unknown): Promise<void> {
    const [lost] = await this.completeBatch([{ ...lease, result }]);
    if (lost) throw new LeaseLostError(lost.jobId, lost.leaseId);
  }

  async completeBatch(completions: readonly Completion[]): Promise<Lease[]> {
    if (completions.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string }>({
      ...COMPLETE_STATEMENT,
      values: [
        completions.map((c) => c.jobId),
        completions.map((c) => c.leaseId),
        completions.map((c) => JSON.stringify(c.result ?? null)),
      ],
    });
    const done = new Set(rows.map((r) => r.id));
    return completions.filter((c) => !done.has(c.jobId)).map(({ jobId, leaseId }) => ({ jobId, leaseId }));
  }

  async fail(request: FailRequest): Promise<FailOutcome> {
    const { rows } = await this.pool.query<{ state: 'scheduled' | 'failed' | 'canceled'; run_at: Date }>({
      ...FAIL_STATEMENT,
      values: [
        request.jobId,
        request.leaseId,
        JSON.stringify(request.error),
        request.outcome ?? 'failed',
        request.error.retryable,
        this.retry.baseSeconds,
        this.retry.capSeconds,
      ],
    });
    const row = rows[0];
    if (!row) throw new LeaseLostError(request.jobId, request.leaseId);
    return row.state === 'scheduled' ? { state: 'scheduled', retryAt: row.run_at } : { state: row.state };
  }

  async rescueExpired(limit: number): Promise<RescueResult> {
    const { rows } = await this.pool.query<{ state: string; n: number }>({
      ...RESCUE_STATEMENT,
      values: [limit, JSON.stringify(LEASE_EXPIRED_ERROR)],
    });
    const count = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
    return { requeued: count('queued'), failed: count('failed'), canceled: count('canceled') };
  }

  cancel(tenant: string, jobId: string, operator: OperatorContext): Promise<CancelJobResponse> {
    return this.operations.cancel(tenant, jobId, operator);
  }

  async listJobs(tenant: string, query: ListJobsQuery): Promise<JobPage> {
    const { text, values } = buildListJobsQuery(tenant, query);
    const { rows } = await this.pool.query<JobRow & { [SORT_KEY_COLUMN]: string | null }>(text, values);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > query.limit && last ? encodeCursor(query.sort, query.order, { id: last.id, sortKey: last[SORT_KEY_COLUMN] }) : null;
    return { items: page.map(toJobSummary), nextCursor };
  }

  async getJob(tenant: string, jobId: string): Promise<JobDetail | null> {
    const { rows } = await this.pool.query<JobRow>(GET_JOB_SQL, [tenant, jobId]);
    const row = rows[0];
    if (!row) return null;
    const attempts = await this.pool.query<AttemptRow>(GET_ATTEMPTS_SQL, [jobId]);
    return toJobDetail(row, attempts.rows);
  }

  async pruneFinished(olderThan: Date, limit: number): Promise<PruneResult> {
    const jobs = await this.pool.query(PRUNE_JOBS_SQL, [olderThan, limit]);
    const events = await this.pool.query(PRUNE_EVENTS_SQL, [olderThan, limit]);
    return { deleted: jobs.rowCount ?? 0, eventsDeleted: events.rowCount ?? 0 };
  }
}
