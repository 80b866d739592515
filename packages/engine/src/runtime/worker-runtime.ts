import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { WORKER_HEARTBEAT_SECONDS, failureReport, type WorkerState, MAX_LOG_LINES_PER_CALL, SerialBatcher, settleOrAbort, type JobLogLineInput, type JobProgress } from '@execops/contract';
import { faultPoint } from '@execops/contract/fault-points';
import type { JobLogStore } from '../logs/job-logs.ts';
import type { ClaimedJob, EngineStore } from '../store/engine-store.ts';
import { LeaseLostError } from '../store/errors.ts';
import type { AbortReason } from './abort-reasons.ts';
import { CompletionBatcher } from './completion-batcher.ts';
import { LeaseRescuer } from './lease-rescuer.ts';
import type { JobContext, JobHandler } from './job-handler.ts';
import { JobNotifier } from './job-notifier.ts';
import { WorkerNotFoundError, type WorkerRegistry } from '../workers/worker-registry.ts';
import { WORKER_WAKE_PREFIX } from '../workers/worker-sql.ts';

export interface WorkerRuntimeOptions {
  store: EngineStore;
  /** Enables LISTEN/NOTIFY wake-ups; without it the runtime only polls. */
  connectionString?: string;
  /** Handlers running at once. Default 10. */
  concurrency?: number;
  workerId?: string;
  /** Default 30. Heartbeats renew it every third of it. */
  leaseSeconds?: number;
  /** Polling backstop for missed or absent notifications, and for scheduled jobs coming due. Default 1,000. */
  pollIntervalMs?: number;
  /** How often this process looks for expired leases. Default 5,000. */
  rescueIntervalMs?: number;
  /** How long `stop()` lets running handlers finish before aborting them. Default 10,000. */
  shutdownGraceMs?: number;
  onError?: (error: unknown, during: string) => void;
  /** Gives handlers `log()`, written to the job's log. */
  logs?: JobLogStore;
  /** Registers the runtime in the worker registry, heartbeats its counters and obeys drain/resume. */
  fleet?: FleetMembership;
}

export interface FleetMembership {
  registry: WorkerRegistry;
  /** Default: host:pid. */
  name?: string;
  version?: string;
  /** Default 5,000 (SPEC §6). */
  heartbeatMs?: number;
}

interface ActiveJob {
  job: ClaimedJob;
  controller: AbortController;
  progress: JobProgress | undefined;
  progressTimer: NodeJS.Timeout | undefined;
  logLines: SerialBatcher<JobLogLineInput> | undefined;
}

const PROGRESS_FLUSH_MS = 1_000;
const COMPLETION_BATCH = 100;
const COMPLETION_DELAY_MS = 2;

/** Runs registered handlers for claimed jobs in this process, with leases, heartbeats, timeouts and retries. */
export class WorkerRuntime {
  readonly workerId: string;
  private readonly store: EngineStore;
  private readonly options: Required<Omit<WorkerRuntimeOptions, 'store' | 'connectionString' | 'workerId' | 'onError' | 'logs' | 'fleet'>>;
  private readonly fleet: FleetMembership | undefined;
  private fleetTimer: NodeJS.Timeout | undefined;
  private reporting: Promise<void> | undefined;
  /** Finished and failed attempts not yet reported to the registry. */
  private unreported = { processed: 0, failed: 0 };
  /** An operator drained this worker: it claims nothing until resumed. */
  private draining = false;
  private readonly logs: JobLogStore | undefined;
  private readonly handlers = new Map<string, JobHandler>();
  /** Jobs whose handler is running; their count is held to `concurrency`. */
  private readonly active = new Map<string, ActiveJob>();
  /** Every job from claim until its outcome is recorded (recording overlaps the next handlers). */
  private readonly executions = new Set<Promise<void>>();
  private readonly notifier: JobNotifier | undefined;
  private readonly completions: CompletionBatcher;
  private readonly onError: (error: unknown, during: string) => void;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly rescuer: LeaseRescuer;
  private wakePending = false;
  private wakeUp: (() => void) | undefined;
  /** The last claim filled every free slot, so slots freeing up are worth a claim. */
  private saturated = false;
  /**
   * While saturated, claim again once this many slots are free rather than one job per claim; a lone free
   * slot is still filled by the next poll.
   */
  private readonly claimThreshold: number;

  constructor(options: WorkerRuntimeOptions) {
    this.store = options.store;
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.options = {
      concurrency: options.concurrency ?? 10,
      leaseSeconds: options.leaseSeconds ?? 30,
      pollIntervalMs: options.pollIntervalMs ?? 1_000,
      rescueIntervalMs: options.rescueIntervalMs ?? 5_000,
      shutdownGraceMs: options.shutdownGraceMs ?? 10_000,
    };
    if (!Number.isInteger(this.options.concurrency) || this.options.concurrency < 1) {
      throw new RangeError('concurrency must be a positive integer');
    }
    this.onError = options.onError ?? (() => undefined);
    this.rescuer = new LeaseRescuer(this.store, this.options.rescueIntervalMs, (error) => this.onError(error, 'rescue'));
    this.logs = options.logs;
    this.claimThreshold = Math.max(1, Math.floor(this.options.concurrency / 4));
    this.completions = new CompletionBatcher(this.store, COMPLETION_BATCH, COMPLETION_DELAY_MS);
    this.fleet = options.fleet;
    this.notifier = options.connectionString ? new JobNotifier(options.connectionString, (payload) => this.onNotify(payload)) : undefined;
  }

  register<Payload>(jobType: string, handler: JobHandler<Payload>): this {
    if (this.handlers.has(jobType)) throw new Error(`a handler for ${jobType} is already registered`);
    this.handlers.set(jobType, handler as JobHandler);
    return this;
  }

  get jobTypes(): string[] {
    return [...this.handlers.keys()];
  }

  get activeCount(): number {
    return this.active.size;
  }

  /** Drained by an operator (learned on the registry heartbeat): running jobs finish, nothing new is claimed. */
  get isDraining(): boolean {
    return this.draining;
  }

  private get freeSlots(): number {
    return this.options.concurrency - this.active.size;
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.joinFleet();
    this.running = true;
    await this.notifier?.start();
    this.rescuer.start();
    this.loopDone = this.claimLoop();
  }

  /** Stops claiming, lets running handlers finish within the grace period, then aborts the rest. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.rescuer.stop();
    this.wake();
    await this.loopDone;
    await this.notifier?.stop();
    const finished = Promise.all(this.executions);
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace_over'>((resolve) => {
      graceTimer = setTimeout(() => resolve('grace_over'), this.options.shutdownGraceMs);
    });
    if ((await Promise.race([finished, graceOver])) === 'grace_over') {
      for (const active of this.active.values()) active.controller.abort('shutdown' satisfies AbortReason);
    }
    clearTimeout(graceTimer);
    await finished;
    await this.leaveFleet();
  }

  private async joinFleet(): Promise<void> {
    const fleet = this.fleet;
    if (!fleet) return;
    await fleet.registry.register(
      {
        name: fleet.name ?? `${os.hostname()}:${process.pid}`,
        host: os.hostname(),
        pid: process.pid,
        ...(fleet.version ? { version: fleet.version } : {}),
        // The registry requires at least one type; a runtime without handlers claims nothing anyway.
        jobTypes: this.jobTypes.length > 0 ? this.jobTypes : ['-'],
        concurrency: this.options.concurrency,
        labels: { runtime: 'in-process' },
      },
      this.workerId,
    );
    this.fleetTimer = setInterval(() => void this.reportToFleet(), fleet.heartbeatMs ?? WORKER_HEARTBEAT_SECONDS * 1000);
  }

  private async leaveFleet(): Promise<void> {
    if (!this.fleet) return;
    clearInterval(this.fleetTimer);
    await this.reporting;
    await this.reportToFleet();
    await this.fleet.registry.deregister(this.workerId).catch((error: unknown) => this.onError(error, 'deregister'));
  }

  /** One registry heartbeat at a time; a deregistered row (a fresh database) is registered again. */
  private reportToFleet(): Promise<void> {
    const fleet = this.fleet;
    if (!fleet || this.reporting) return this.reporting ?? Promise.resolve();
    const counted = this.unreported;
    this.unreported = { processed: 0, failed: 0 };
    this.reporting = fleet.registry
      .report(this.workerId, { activeJobs: this.active.size, ...counted })
      .then((state) => this.obey(state))
      .catch(async (error: unknown) => {
        this.unreported.processed += counted.processed;
        this.unreported.failed += counted.failed;
        if (this.running && error instanceof WorkerNotFoundError) await this.joinFleetAgain();
        else this.onError(error, 'fleet heartbeat');
      })
      .finally(() => (this.reporting = undefined));
    return this.reporting;
  }

  private async joinFleetAgain(): Promise<void> {
    clearInterval(this.fleetTimer);
    await this.joinFleet().catch((error: unknown) => this.onError(error, 'register'));
  }

  private obey(state: WorkerState): void {
    const draining = state === 'draining';
    if (draining === this.draining) return;
    this.draining = draining;
    if (!draining) this.wake();
  }

  /** Job notifications wake the claim loop; one naming this worker means an operator changed its state. */
  private onNotify(payload: string): void {
    if (payload === WORKER_WAKE_PREFIX + this.workerId) void this.reportToFleet();
    else this.wake();
  }

  private wake(): void {
    this.wakePending = true;
    this.wakeUp?.();
  }

  private async waitForWake(): Promise<void> {
    if (this.wakePending || !this.running) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.options.pollIntervalMs);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeUp = undefined;
  }

  private async claimLoop(): Promise<void> {
    while (this.running) {
      this.wakePending = false;
      const free = this.freeSlots;
      if (this.draining) {
        this.saturated = false;
      } else if (free > 0 && this.handlers.size > 0) {
        try {
          const jobs = await this.store.claim({
            workerId: this.workerId,
            jobTypes: this.jobTypes,
            limit: free,
            leaseSeconds: this.options.leaseSeconds,
          });
          if (jobs.length > 0) faultPoint('after-claim');
          for (const job of jobs) this.launch(job);
          this.saturated = jobs.length === free;
          if (this.saturated) continue;
        } catch (error) {
          this.onError(error, 'claim');
        }
      } else {
        this.saturated = true;
      }
      await this.waitForWake();
    }
  }

  private launch(job: ClaimedJob): void {
    const active: ActiveJob = { job, controller: new AbortController(), progress: undefined, progressTimer: undefined, logLines: undefined };
    this.active.set(job.jobId, active);
    const execution = this.execute(active).finally(() => this.executions.delete(execution));
    this.executions.add(execution);
  }

  private releaseSlot(jobId: string): void {
    this.active.delete(jobId);
    if (this.saturated && this.freeSlots >= this.claimThreshold) this.wake();
  }

  private async execute(active: ActiveJob): Promise<void> {
    const { job, controller } = active;
    const abort = (reason: AbortReason) => controller.abort(reason);
    const timeout = setTimeout(() => abort('timeout'), job.timeoutSeconds * 1000);
    const heartbeat = setInterval(() => void this.heartbeat(active), (this.options.leaseSeconds * 1000) / 3);
    let outcome: { ok: true; result: unknown } | { ok: false; thrown: unknown };
    try {
      const handler = this.handlers.get(job.jobType);
      if (!handler) throw new Error(`no handler registered for ${job.jobType}`);
      const run = Promise.resolve().then(() =>
        handler({
          job,
          payload: job.payload,
          signal: controller.signal,
          reportProgress: (percent, message) => this.recordProgress(active, percent, message),
          ...this.logContext(active),
        }),
      );
      outcome = { ok: true, result: await settleOrAbort(run, controller.signal) };
    } catch (thrown) {
      outcome = { ok: false, thrown };
    } finally {
      clearTimeout(timeout);
      clearInterval(heartbeat);
      clearTimeout(active.progressTimer);
      this.releaseSlot(job.jobId);
    }
    this.unreported.processed++;
    if (!outcome.ok) this.unreported.failed++;
    try {
      await active.logLines?.drain();
      faultPoint('after-handler');
      await this.record(job, outcome);
    } catch (error) {
      // A lost lease means the job is someone else's now (or already rescued); there is nothing to record.
      if (!(error instanceof LeaseLostError)) this.onError(error, 'record');
    }
  }

  private async record(job: ClaimedJob, outcome: { ok: true; result: unknown } | { ok: false; thrown: unknown }): Promise<void> {
    if (outcome.ok) return this.completions.complete({ jobId: job.jobId, leaseId: job.leaseId, result: outcome.result });
    const failure = failureReport(outcome.thrown, job.timeoutSeconds);
    if (failure) await this.store.fail({ jobId: job.jobId, leaseId: job.leaseId, ...failure });
  }

  private logContext(active: ActiveJob): Pick<JobContext, 'log'> {
    const logs = this.logs;
    if (!logs) return {};
    const { jobId, leaseId } = active.job;
    return {
      log: (level, message, fields) => {
        active.logLines ??= new SerialBatcher(
          (lines) => logs.append({ jobId, leaseId }, lines).then(() => undefined),
          MAX_LOG_LINES_PER_CALL,
          (error) => {
            if (!(error instanceof LeaseLostError)) this.onError(error, 'log');
          },
        );
        active.logLines.push({ level, message, ts: new Date().toISOString(), ...(fields ? { fields } : {}) });
      },
    };
  }

  private recordProgress(active: ActiveJob, percent: number, message?: string): void {
    active.progress = { percent: Math.min(100, Math.max(0, percent)), message: message?.slice(0, 512) ?? null };
    active.progressTimer ??= setTimeout(() => {
      active.progressTimer = undefined;
      void this.heartbeat(active);
    }, PROGRESS_FLUSH_MS);
  }

  private async heartbeat(active: ActiveJob): Promise<void> {
    if (active.controller.signal.aborted) return;
    const progress = active.progress;
    try {
      const beat = await this.store.heartbeat({
        jobId: active.job.jobId,
        leaseId: active.job.leaseId,
        leaseSeconds: this.options.leaseSeconds,
        ...(progress ? { progress } : {}),
      });
      faultPoint('lease-extension');
      if (active.progress === progress) active.progress = undefined;
      if (beat.cancelRequested) active.controller.abort('canceled' satisfies AbortReason);
    } catch (error) {
      if (error instanceof LeaseLostError) active.controller.abort('lease_lost' satisfies AbortReason);
      else this.onError(error, 'heartbeat');
    }
  }
}
