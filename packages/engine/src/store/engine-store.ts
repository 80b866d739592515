import type {
  CancelJobResponse,
  CreatePipelineRequest,
  CreatePipelineResponse,
  EnqueueJobRequest,
  EnqueueJobResponse,
  JobDag,
  JobDetail,
  JobError,
  JobPage,
  JobProgress,
  ListJobsQuery,
  OperatorContext,
} from '@execops/contract';

/** What a worker holds while it runs a job; every transition it makes is fenced by both ids. */
export interface Lease {
  jobId: string;
  leaseId: string;
}

export interface ClaimRequest {
  workerId: string;
  jobTypes: readonly string[];
  limit: number;
  leaseSeconds: number;
}

export interface ClaimedJob extends Lease {
  tenant: string;
  jobType: string;
  queue: string;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
  timeoutSeconds: number;
  leaseUntil: Date;
}

export interface Completion extends Lease {
  result: unknown;
}

export interface HeartbeatRequest extends Lease {
  leaseSeconds: number;
  progress?: JobProgress;
}

export interface HeartbeatResult {
  leaseUntil: Date;
  /** Set once an operator asked to cancel the running job; the worker should stop and report `canceled`. */
  cancelRequested: boolean;
}

export type FailOutcome = { state: 'scheduled'; retryAt: Date } | { state: 'failed' } | { state: 'canceled' };

export interface FailRequest extends Lease {
  error: JobError;
  /** How the attempt ended; `timed_out` and `canceled` are chosen by the worker runtime. Default `failed`. */
  outcome?: 'failed' | 'timed_out' | 'canceled';
}

export interface RescueResult {
  requeued: number;
  failed: number;
  /** Expired while an operator's cancel request was pending. */
  canceled: number;
}

export interface PruneResult {
  deleted: number;
  eventsDeleted: number;
}

/**
 * The engine's storage, as engine operations. One implementation today (PostgreSQL); conformance tests
 * in `test/conformance/` name these operations.
 */
export interface EngineStore {
  /** Jobs with `dependsOn` are enqueued in one transaction with their edges; throws `DagValidationError` for unknown parents. */
  enqueueBatch(tenant: string, jobs: readonly EnqueueJobRequest[]): Promise<EnqueueJobResponse[]>;
  /** A whole dependency graph in one transaction; throws `DagValidationError` (cycle, unknown or duplicate key). */
  createPipeline(tenant: string, request: CreatePipelineRequest): Promise<CreatePipelineResponse>;
  /** The job with its ancestors and descendants and the critical path; null when the tenant has no such job. */
  getJobDag(tenant: string, jobId: string): Promise<JobDag | null>;
  /** Claims up to `limit` runnable jobs of the given types in (priority, runAt, id) order. */
  claim(request: ClaimRequest): Promise<ClaimedJob[]>;
  /** Extends the lease; throws `LeaseLostError` when the lease is no longer this worker's. */
  heartbeat(request: HeartbeatRequest): Promise<HeartbeatResult>;
  /** Throws `LeaseLostError` when the lease is no longer this worker's. */
  complete(lease: Lease, result: unknown): Promise<void>;
  /** Completes many jobs in one statement; returns the leases that were no longer held (those jobs are untouched). */
  completeBatch(completions: readonly Completion[]): Promise<Lease[]>;
  /** Retries with backoff while attempts remain and the error is retryable; otherwise fails terminally. */
  fail(request: FailRequest): Promise<FailOutcome>;
  /** Requeues (or terminally fails) running jobs whose lease has expired. */
  rescueExpired(limit: number): Promise<RescueResult>;
  /** Audited. Throws `JobNotFoundError` / `JobStateConflictError`. */
  cancel(tenant: string, jobId: string, operator: OperatorContext): Promise<CancelJobResponse>;
  listJobs(tenant: string, query: ListJobsQuery): Promise<JobPage>;
  getJob(tenant: string, jobId: string): Promise<JobDetail | null>;
  /** Deletes up to `limit` jobs that finished, and up to `limit` events written, before `olderThan`. */
  pruneFinished(olderThan: Date, limit: number): Promise<PruneResult>;
}
