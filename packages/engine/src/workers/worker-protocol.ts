import type {
  AppendJobLogRequest,
  FailJobRequest,
  FailJobResponse,
  JobArtifact,
  JobArtifactInput,
  JobHeartbeatRequest,
  JobHeartbeatResponse,
  LeasedJob,
  LeaseJobsRequest,
  LeaseJobsResponse,
  RegisterWorkerRequest,
  RegisterWorkerResponse,
} from '@execops/contract';
import type { Pool } from '../db/pool.ts';
import { JobLogStore, type AppendResult } from '../logs/job-logs.ts';
import type { ClaimedJob, EngineStore, Lease } from '../store/engine-store.ts';
import { JobNotFoundError, LeaseLostError } from '../store/errors.ts';
import { LeaseWaiter } from './lease-waiter.ts';
import { WorkerRegistry } from './worker-registry.ts';
import { JOB_EXISTS_SQL } from './worker-sql.ts';

export interface WorkerProtocolOptions {
  store: EngineStore;
  pool: Pool;
  /** Lease length when a worker does not ask for one. Default 30. */
  leaseSeconds?: number;
  /** How often a long-polling lease claims again without a wake-up (scheduled jobs coming due). Default 500. */
  pollIntervalMs?: number;
}

/**
 * The engine side of the HTTP worker protocol: registration, leasing with long-poll, and the job calls,
 * each fenced by the lease. Lease problems surface as `LeaseLostError`, unknown jobs as `JobNotFoundError`,
 * unknown workers as `WorkerNotFoundError`.
 */
export class WorkerProtocol {
  readonly registry: WorkerRegistry;
  readonly logs: JobLogStore;
  private readonly store: EngineStore;
  private readonly pool: Pool;
  private readonly leaseSeconds: number;
  private readonly pollIntervalMs: number;
  private readonly waiter: LeaseWaiter;
  private readonly closing = new AbortController();

  constructor(options: WorkerProtocolOptions) {
    this.store = options.store;
    this.pool = options.pool;
    this.leaseSeconds = options.leaseSeconds ?? 30;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.registry = new WorkerRegistry(options.pool);
    this.logs = new JobLogStore(options.pool);
    // The listener connects the way the pool does.
    this.waiter = new LeaseWaiter(options.pool.options.connectionString);
  }

  async register(request: RegisterWorkerRequest): Promise<RegisterWorkerResponse> {
    const workerId = await this.registry.register(request);
    return { workerId, leaseSeconds: this.leaseSeconds, heartbeatSeconds: Math.max(1, Math.floor(this.leaseSeconds / 3)) };
  }

  /**
   * Claims up to `limit` jobs; with `waitMs`, waits that long for some to become runnable. A draining worker
   * is leased nothing (it waits like any other, so it does not spin); a drain or resume during the wait counts.
   * `signal` ends the wait early (the client went away, the server is closing).
   */
  async lease(request: LeaseJobsRequest, requestSignal: AbortSignal): Promise<LeaseJobsResponse> {
    const signal = AbortSignal.any([requestSignal, this.closing.signal]);
    let { state } = await this.registry.touch(request.workerId);
    const deadline = Date.now() + (request.waitMs ?? 0);
    if (request.waitMs) await this.waiter.listen();
    for (;;) {
      const seen = this.waiter.generation;
      const jobs =
        state === 'draining'
          ? []
          : await this.store.claim({
              workerId: request.workerId,
              jobTypes: request.jobTypes,
              limit: request.limit,
              leaseSeconds: request.leaseSeconds ?? this.leaseSeconds,
            });
      const remaining = deadline - Date.now();
      if (jobs.length > 0 || remaining <= 0 || signal.aborted) return { jobs: jobs.map(toLeasedJob), workerState: state };
      await this.waiter.wait(seen, Math.min(remaining, this.pollIntervalMs), signal);
      if (signal.aborted) return { jobs: [], workerState: state };
      // A drain (or resume) during the wait applies to the rest of it: its notification woke us.
      state = await this.registry.storedState(request.workerId);
    }
  }

  async heartbeat(jobId: string, request: JobHeartbeatRequest): Promise<JobHeartbeatResponse> {
    const { leaseId, progress } = request;
    const beat = await this.fenced({ jobId, leaseId }, () =>
      this.store.heartbeat({
        jobId,
        leaseId,
        leaseSeconds: request.leaseSeconds ?? this.leaseSeconds,
        ...(progress ? { progress: { percent: progress.percent, message: progress.message ?? null } } : {}),
      }),
    );
    await this.registry.touchByLease(leaseId);
    return { leaseUntil: beat.leaseUntil.toISOString(), cancelRequested: beat.cancelRequested };
  }

  async complete(jobId: string, leaseId: string, result: unknown): Promise<void> {
    await this.fenced({ jobId, leaseId }, () => this.store.complete({ jobId, leaseId }, result ?? null));
    await this.registry.countAttempt(leaseId, false);
  }

  async fail(jobId: string, request: FailJobRequest): Promise<FailJobResponse> {
    const { leaseId } = request;
    const outcome = await this.fenced({ jobId, leaseId }, () =>
      this.store.fail({ jobId, leaseId, error: request.error, ...(request.outcome ? { outcome: request.outcome } : {}) }),
    );
    await this.registry.countAttempt(leaseId, true);
    return { state: outcome.state, retryAt: outcome.state === 'scheduled' ? outcome.retryAt.toISOString() : null };
  }

  appendLog(jobId: string, request: AppendJobLogRequest): Promise<AppendResult> {
    return this.fenced({ jobId, leaseId: request.leaseId }, () => this.logs.append({ jobId, leaseId: request.leaseId }, request.lines));
  }

  addArtifact(jobId: string, leaseId: string, artifact: JobArtifactInput): Promise<JobArtifact> {
    return this.fenced({ jobId, leaseId }, () => this.logs.addArtifact({ jobId, leaseId }, artifact));
  }

  /** Ends every long-poll at once (their answer is what they have: nothing) and stops listening. */
  close(): Promise<void> {
    this.closing.abort();
    return this.waiter.close();
  }

  /** Runs a lease-fenced call; a lease that fails because the job does not exist is reported as such. */
  private async fenced<T>(lease: Lease, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof LeaseLostError && (await this.pool.query(JOB_EXISTS_SQL, [lease.jobId])).rowCount === 0) {
        throw new JobNotFoundError(lease.jobId);
      }
      throw error;
    }
  }
}

function toLeasedJob(job: ClaimedJob): LeasedJob {
  return {
    jobId: job.jobId,
    leaseId: job.leaseId,
    tenant: job.tenant,
    jobType: job.jobType,
    queue: job.queue,
    payload: job.payload as LeasedJob['payload'],
    attempt: job.attempt,
    maxAttempts: job.maxAttempts,
    timeoutSeconds: job.timeoutSeconds,
    leaseUntil: job.leaseUntil.toISOString(),
  };
}
