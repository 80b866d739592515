import os from 'node:os';
import { MAX_LEASE_WAIT_MS, type LeasedJob, type WorkerLabels } from '@execops/contract';
import { faultPoint } from '@execops/contract/fault-points';
import { WorkerApiError, WorkerClient } from './client.ts';
import { JobRun, type WorkerHandler } from './job-run.ts';

export const SDK_VERSION = '0.1.0';

export interface WorkerOptions {
  /** The execops server, e.g. http://127.0.0.1:7400. */
  url: string;
  /** An API token with scope `worker` granted every tenant (`*`): leases span tenants. */
  token: string;
  /** Recorded in the worker registry (sent as X-Tenant too). */
  tenant?: string;
  /** Handlers running at once. Default 10. */
  concurrency?: number;
  /** Registry name. Default host:pid. */
  name?: string;
  labels?: WorkerLabels;
  /** Lease length asked for; heartbeats go out every third of it. Default: the server's (30 s). */
  leaseSeconds?: number;
  /** How long one lease call waits on the server for work; `stop()` lets a call in flight finish. Default 5,000 (at most 30,000). */
  pollWaitMs?: number;
  /** How long `stop()` lets running handlers finish before aborting them. Default 10,000. */
  shutdownGraceMs?: number;
  /** Problems the worker works through (failed calls it retries, handler reports it could not deliver). */
  onError?: (error: unknown, during: string) => void;
}

/** Why the worker stopped: asked to (`stop()`, a signal), or by itself after losing the server for longer than a lease. */
export type StopCause = { reason: 'stopped' } | { reason: 'lost_contact'; error: Error };

const RETRY_DELAY_MS = 1_000;

/**
 * Runs handlers for jobs leased from an execops server over the worker protocol. One timer heartbeats
 * every running job and the worker itself, off the handlers' path; a job whose lease is lost has its
 * handler aborted and is not reported; a worker that cannot reach the server for longer than a lease
 * aborts everything and stops, since its leases are gone by then (no zombie work).
 */
export class Worker {
  private readonly options: Required<Omit<WorkerOptions, 'tenant' | 'labels' | 'leaseSeconds' | 'onError'>> &
    Pick<WorkerOptions, 'tenant' | 'labels' | 'leaseSeconds'>;
  private readonly client: WorkerClient;
  private readonly handlers = new Map<string, WorkerHandler>();
  /** By lease id: a job whose lease this worker lost may be leased to it again while the old handler winds down. */
  private readonly runs = new Map<string, { run: JobRun; done: Promise<void> }>();
  private readonly onError: (error: unknown, during: string) => void;
  private workerIdValue: string | undefined;
  private leaseSeconds = 30;
  private running = false;
  private stopping: Promise<StopCause> | undefined;
  private readonly leaseAbort = new AbortController();
  private loopDone: Promise<void> = Promise.resolve();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  /** The heartbeat tick in flight, if any; ticks never overlap. */
  private beat: Promise<void> | undefined;
  private lastAnswerAt = 0;
  private drainedValue = false;
  private slotFreed: (() => void) | undefined;
  private resolveStopped!: (cause: StopCause) => void;
  /** Settles once the worker has stopped, with why. */
  readonly stopped: Promise<StopCause> = new Promise((resolve) => (this.resolveStopped = resolve));

  constructor(options: WorkerOptions) {
    const concurrency = options.concurrency ?? 10;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');
    this.options = {
      url: options.url,
      token: options.token,
      concurrency,
      name: options.name ?? `${os.hostname()}:${process.pid}`,
      pollWaitMs: Math.min(options.pollWaitMs ?? 5_000, MAX_LEASE_WAIT_MS),
      shutdownGraceMs: options.shutdownGraceMs ?? 10_000,
      tenant: options.tenant,
      labels: options.labels,
      leaseSeconds: options.leaseSeconds,
    };
    this.onError = options.onError ?? (() => undefined);
    this.client = new WorkerClient(options.url, options.tenant, options.token, () => (this.lastAnswerAt = Date.now()));
  }

  register<Payload>(jobType: string, handler: WorkerHandler<Payload>): this {
    if (this.running) throw new Error('register handlers before start()');
    if (this.handlers.has(jobType)) throw new Error(`a handler for ${jobType} is already registered`);
    this.handlers.set(jobType, handler as WorkerHandler);
    return this;
  }

  get jobTypes(): string[] {
    return [...this.handlers.keys()];
  }

  /** The registry id the server gave this worker; set by `start()`. */
  get workerId(): string | undefined {
    return this.workerIdValue;
  }

  get activeCount(): number {
    return this.runs.size;
  }

  /** An operator drained this worker: the server leases it nothing until resumed; running jobs finish. */
  get draining(): boolean {
    return this.drainedValue;
  }

  /** Registers with the server, then leases and runs jobs until `stop()`. */
  async start(): Promise<void> {
    if (this.running || this.stopping) return;
    if (this.handlers.size === 0) throw new Error('register at least one handler before start()');
    await this.registerWorker();
    this.running = true;
    const heartbeatMs = (this.leaseSeconds * 1000) / 3;
    this.heartbeatTimer = setInterval(() => {
      this.beat ??= this.heartbeatAll().finally(() => (this.beat = undefined));
    }, heartbeatMs);
    this.loopDone = this.leaseLoop();
  }

  /** Stops leasing, lets running handlers finish within the grace period, aborts the rest (reported as worker_shutdown). */
  stop(): Promise<StopCause> {
    return this.shutdown({ reason: 'stopped' });
  }

  /** Drains on SIGTERM and SIGINT; returns a function that removes the handlers. */
  installSignalHandlers(signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): () => void {
    const onSignal = () => void this.stop();
    for (const signal of signals) process.on(signal, onSignal);
    return () => {
      for (const signal of signals) process.off(signal, onSignal);
    };
  }

  private async registerWorker(): Promise<void> {
    const registered = await this.client.register({
      name: this.options.name,
      host: os.hostname(),
      pid: process.pid,
      version: SDK_VERSION,
      jobTypes: this.jobTypes,
      concurrency: this.options.concurrency,
      ...(this.options.tenant ? { tenant: this.options.tenant } : {}),
      ...(this.options.labels ? { labels: this.options.labels } : {}),
    });
    this.workerIdValue = registered.workerId;
    this.leaseSeconds = this.options.leaseSeconds ?? registered.leaseSeconds;
  }

  private shutdown(cause: StopCause): Promise<StopCause> {
    this.stopping ??= this.drain(cause).then(
      () => cause,
      (error: unknown) => {
        this.onError(error, 'stop');
        return cause;
      },
    );
    void this.stopping.then((c) => this.resolveStopped(c));
    return this.stopping;
  }

  private async drain(cause: StopCause): Promise<void> {
    const wasRunning = this.running;
    this.running = false;
    this.slotFreed?.();
    if (cause.reason === 'lost_contact') {
      this.leaseAbort.abort();
      for (const { run } of this.runs.values()) run.abort('lease_lost');
    }
    // A lease call in flight is let finish (at most pollWaitMs) rather than aborted: the server may already
    // have claimed jobs for it, and those are run like the others instead of waiting out their lease.
    await this.loopDone;
    const finished = Promise.all([...this.runs.values()].map((r) => r.done));
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace_over'>((resolve) => {
      graceTimer = setTimeout(() => resolve('grace_over'), this.options.shutdownGraceMs);
    });
    if ((await Promise.race([finished, graceOver])) === 'grace_over') {
      for (const { run } of this.runs.values()) run.abort('shutdown');
    }
    clearTimeout(graceTimer);
    await finished;
    clearInterval(this.heartbeatTimer);
    // A tick still in flight would otherwise reach the server after the deregistration and be refused (404).
    await this.beat;
    if (wasRunning && this.workerIdValue && cause.reason === 'stopped') await this.client.deregister(this.workerIdValue);
  }

  private async leaseLoop(): Promise<void> {
    while (this.running) {
      const free = this.options.concurrency - this.runs.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.slotFreed = resolve));
        this.slotFreed = undefined;
        continue;
      }
      try {
        const { jobs, workerState } = await this.client.lease(
          { workerId: this.workerIdValue ?? '', jobTypes: this.jobTypes, limit: Math.min(free, 100), leaseSeconds: this.leaseSeconds, waitMs: this.options.pollWaitMs },
          this.leaseAbort.signal,
        );
        this.drainedValue = workerState === 'draining';
        if (jobs.length > 0) faultPoint('sdk-after-lease');
        for (const job of jobs) this.launch(job);
      } catch (error) {
        if (!this.running) return;
        await this.recoverFromLeaseError(error);
      }
    }
  }

  private async recoverFromLeaseError(error: unknown): Promise<void> {
    if (error instanceof WorkerApiError && error.status === 404) {
      // The registry no longer knows this worker (deregistered, or a fresh database): join again.
      try {
        await this.registerWorker();
        return;
      } catch (registerError) {
        this.onError(registerError, 'register');
      }
    } else {
      this.onError(error, 'lease');
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
  }

  private launch(job: LeasedJob): void {
    const handler = this.handlers.get(job.jobType);
    const run = new JobRun(job, { client: this.client, leaseSeconds: this.leaseSeconds, onError: this.onError });
    const missing = () => {
      throw new Error(`no handler registered for ${job.jobType}`);
    };
    const done = run.run(handler ?? missing).finally(() => {
      this.runs.delete(job.leaseId);
      this.slotFreed?.();
    });
    this.runs.set(job.leaseId, { run, done });
  }

  /** One tick: every running job's lease and the worker's own registry row; stops the worker if the server stayed silent past a lease. */
  private async heartbeatAll(): Promise<void> {
    const beats = [...this.runs.values()].map(({ run }) => run.heartbeat());
    if (this.workerIdValue) {
      beats.push(
        this.client.heartbeatWorker({ workerId: this.workerIdValue, activeJobs: this.runs.size }).then(
          ({ state }) => void (this.drainedValue = state === 'draining'),
          (error: unknown) => this.onError(error, 'heartbeat'),
        ),
      );
    }
    await Promise.all(beats);
    // Only running jobs make silence dangerous: their leases have run out and others may be running them.
    // An idle worker keeps trying.
    if (this.runs.size > 0 && Date.now() - this.lastAnswerAt > this.leaseSeconds * 1000 && !this.stopping) {
      const error = new Error(`no answer from ${this.options.url} for longer than the ${this.leaseSeconds} s lease; stopping`);
      void this.shutdown({ reason: 'lost_contact', error });
    }
  }
}
