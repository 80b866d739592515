// What the coordinator, the worker processes and the four system adapters share.

export type Profile = 'durable' | 'relaxed';
export type SystemId = 'execops' | 'graphile-worker' | 'pg-boss' | 'bullmq';
export const SYSTEM_IDS: readonly SystemId[] = ['execops', 'graphile-worker', 'pg-boss', 'bullmq'];

/** The same payload for every system (engine-anchors §8.2): ~100 bytes of padding. */
export interface BenchPayload {
  i: number;
  tenant: string;
  /** Intended enqueue time (ms since the epoch, sub-ms precision); open-loop runs use the scheduled send time. */
  tEnq: number;
  pad: string;
}

/** One execution as a handler sees it; `attempt` starts at 1 for every system. */
export interface BenchJob {
  payload: BenchPayload;
  attempt: number;
}

export type BenchHandler = (job: BenchJob) => Promise<void>;

/** Settings every adapter maps onto its own options; the adapter records the exact mapping in `describe`. */
export interface SystemSettings {
  profile: Profile;
  /** Handler slots per worker process. */
  slots: number;
  /** Database (or Redis) connections per process. */
  poolSize: number;
  /** How long a claimed job stays owned by a silent worker before another may run it. */
  leaseSeconds: number;
  maxAttempts: number;
  /** Fixed delay before a retry, where the system lets us choose it. */
  retryDelayMs: number;
}

export interface Producer {
  add(payload: BenchPayload): Promise<void>;
  /** One call per batch (`add_jobs` / `insert` / `addBulk` / `enqueueBatch`). */
  addBulk(payloads: readonly BenchPayload[]): Promise<void>;
  /** Jobs not yet finished (queued, running, waiting for a retry). */
  pending(): Promise<number>;
  /** Jobs that failed terminally. */
  deadCount(): Promise<number>;
  /** Transactions committed in the system's database so far (PostgreSQL systems only). */
  transactions(): Promise<number | null>;
  /** Releases what a killed worker held, where the system documents a manual procedure (graphile-worker). */
  recover(identity: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface RunningWorker {
  /** Lock owner ids, for `Producer.recover` after this worker is killed. */
  identity(): readonly string[];
  stop(): Promise<void>;
}

export interface SystemAdapter {
  readonly id: SystemId;
  readonly version: string;
  /** The exact configuration used, written into every result file. */
  describe(settings: SystemSettings): Record<string, unknown>;
  /** Changes shared server settings for the run; returns what puts them back. */
  prepareRun?(): Promise<() => Promise<void>>;
  /** Fresh schema (or keyspace) with the profile's durability; the previous trial's data is gone. */
  reset(settings: SystemSettings): Promise<void>;
  producer(settings: SystemSettings): Promise<Producer>;
  worker(settings: SystemSettings, handler: BenchHandler): Promise<RunningWorker>;
}

export const QUEUE = 'bench';
