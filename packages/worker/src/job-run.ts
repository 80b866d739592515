import {
  failureReport,
  MAX_LOG_LINES_PER_CALL,
  MAX_LOG_MESSAGE,
  SerialBatcher,
  settleOrAbort,
  type AbortReason,
  type CompleteJobRequest,
  type JobArtifact,
  type JobArtifactInput,
  type JobHeartbeatRequest,
  type JobLogFields,
  type JobLogLineInput,
  type LeasedJob,
  type LogLevel,
} from '@execops/contract';
import { faultPoint } from '@execops/contract/fault-points';
import { WorkerApiError, type WorkerClient } from './client.ts';

export interface WorkerJobContext<Payload = unknown> {
  job: LeasedJob;
  payload: Payload;
  /** Aborted on timeout, an operator's cancel, a lost lease, or when the worker stops past its grace period. */
  signal: AbortSignal;
  /** Sent with the next heartbeat (within about a second). */
  reportProgress(percent: number, message?: string): void;
  /** Written to the job's log, in order, batched. */
  log(level: LogLevel, message: string, fields?: JobLogFields): void;
  /** Records an artifact the handler stored elsewhere (the uri); a name added again replaces it. */
  addArtifact(artifact: JobArtifactInput): Promise<JobArtifact>;
}

/** Returns the job's result (any JSON value); throwing fails the attempt (`PermanentJobError`: no retries). */
export type WorkerHandler<Payload = unknown> = (context: WorkerJobContext<Payload>) => unknown;

export interface JobRunDeps {
  client: WorkerClient;
  leaseSeconds: number;
  onError(error: unknown, during: string): void;
}

const PROGRESS_FLUSH_MS = 1_000;
const REPORT_ATTEMPTS = 5;
const REPORT_BACKOFF_MS = 200;

/** One leased job on this worker: runs its handler, heartbeats on request, reports the outcome. */
export class JobRun {
  readonly controller = new AbortController();
  private progress: JobHeartbeatRequest['progress'];
  private progressTimer: NodeJS.Timeout | undefined;
  private beating = false;
  private readonly logLines: SerialBatcher<JobLogLineInput>;

  constructor(
    readonly job: LeasedJob,
    private readonly deps: JobRunDeps,
  ) {
    this.logLines = new SerialBatcher(
      async (lines) => void (await deps.client.log(job.jobId, { leaseId: job.leaseId, lines })),
      MAX_LOG_LINES_PER_CALL,
      (error) => this.onCallError(error, 'log'),
    );
  }

  abort(reason: AbortReason): void {
    this.controller.abort(reason);
  }

  /** Runs the handler and reports how it ended; never throws. */
  async run(handler: WorkerHandler): Promise<void> {
    const { job, controller } = this;
    const timeout = setTimeout(() => this.abort('timeout'), job.timeoutSeconds * 1000);
    let outcome: { ok: true; result: unknown } | { ok: false; thrown: unknown };
    try {
      const run = Promise.resolve().then(() => handler(this.context()));
      outcome = { ok: true, result: await settleOrAbort(run, controller.signal) };
    } catch (thrown) {
      outcome = { ok: false, thrown };
    } finally {
      clearTimeout(timeout);
      clearTimeout(this.progressTimer);
    }
    await this.logLines.drain();
    faultPoint('sdk-after-handler');
    try {
      await this.report(outcome);
    } catch (error) {
      this.onCallError(error, 'report');
    }
  }

  /** Extends the lease (with any progress); aborts the handler on a cancel request or a lost lease. */
  async heartbeat(): Promise<void> {
    if (this.controller.signal.aborted || this.beating) return;
    this.beating = true;
    const progress = this.progress;
    try {
      const beat = await this.deps.client.heartbeatJob(this.job.jobId, {
        leaseId: this.job.leaseId,
        leaseSeconds: this.deps.leaseSeconds,
        ...(progress ? { progress } : {}),
      });
      if (this.progress === progress) this.progress = undefined;
      if (beat.cancelRequested) this.abort('canceled');
    } catch (error) {
      this.onCallError(error, 'heartbeat');
    } finally {
      this.beating = false;
    }
  }

  private context(): WorkerJobContext {
    return {
      job: this.job,
      payload: this.job.payload,
      signal: this.controller.signal,
      reportProgress: (percent, message) => this.recordProgress(percent, message),
      log: (level, message, fields) =>
        this.logLines.push({ level, message: message.slice(0, MAX_LOG_MESSAGE), ts: new Date().toISOString(), ...(fields ? { fields } : {}) }),
      addArtifact: (artifact) => this.deps.client.addArtifact(this.job.jobId, { ...artifact, leaseId: this.job.leaseId }),
    };
  }

  private recordProgress(percent: number, message?: string): void {
    this.progress = { percent: Math.min(100, Math.max(0, percent)), ...(message !== undefined ? { message: message.slice(0, 512) } : {}) };
    this.progressTimer ??= setTimeout(() => {
      this.progressTimer = undefined;
      void this.heartbeat();
    }, PROGRESS_FLUSH_MS);
  }

  private async report(outcome: { ok: true; result: unknown } | { ok: false; thrown: unknown }): Promise<void> {
    const { jobId, leaseId, timeoutSeconds } = this.job;
    if (outcome.ok) {
      const result = outcome.result === undefined ? null : outcome.result;
      await withRetries(() => this.deps.client.complete(jobId, { leaseId, result: result as CompleteJobRequest['result'] }));
      return;
    }
    const failure = failureReport(outcome.thrown, timeoutSeconds);
    if (failure) await withRetries(() => this.deps.client.fail(jobId, { leaseId, ...failure }));
  }

  /** A lost lease aborts the handler (the job is someone else's now); other problems go to `onError`. */
  private onCallError(error: unknown, during: string): void {
    if (error instanceof WorkerApiError && error.leaseLost) this.abort('lease_lost');
    else this.deps.onError(error, during);
  }
}

/** Retries a report through network trouble and server errors; the job's lease bounds how long that is useful. */
async function withRetries<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof WorkerApiError && error.transient) || attempt >= REPORT_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, REPORT_BACKOFF_MS * 2 ** (attempt - 1)));
    }
  }
}
