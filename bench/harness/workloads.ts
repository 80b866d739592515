// Workloads of engine-anchors §8.3 (W0–W4, W6, W7) and their sizes per mode. Quick mode keeps the shapes and
// shrinks the counts and durations so a whole run fits in about ten minutes on two cores.

export type WorkloadId = 'W0' | 'W1' | 'W2' | 'W3' | 'W4' | 'W6' | 'W7';
export const WORKLOAD_IDS: readonly WorkloadId[] = ['W0', 'W1', 'W2', 'W3', 'W4', 'W6', 'W7'];
export type Mode = 'quick' | 'standard';

export interface Sizes {
  smokeJobs: number;
  enqueueSingle: number;
  enqueueConcurrent: number;
  enqueueBulk: number;
  bulkBatch: number;
  burnDownJobs: number;
  latencySamples: number;
  latencyWarmup: number;
  /** W3 stops early after this long (pg-boss polls, so each of its samples costs up to 0.5 s). */
  latencyBudgetMs: number;
  openLoopRate: number;
  openLoopSeconds: number;
  crashRate: number;
  crashSeconds: number;
  crashKillAtSeconds: number;
  crashRestartAtSeconds: number;
  retryJobs: number;
  leaseSeconds: number;
  drainTimeoutMs: number;
}

export const SIZES: Record<Mode, Sizes> = {
  quick: {
    smokeJobs: 1_000,
    enqueueSingle: 300,
    enqueueConcurrent: 800,
    enqueueBulk: 5_000,
    bulkBatch: 500,
    burnDownJobs: 5_000,
    latencySamples: 50,
    latencyWarmup: 10,
    latencyBudgetMs: 10_000,
    openLoopRate: 100,
    openLoopSeconds: 5,
    crashRate: 100,
    crashSeconds: 10,
    crashKillAtSeconds: 3,
    crashRestartAtSeconds: 5,
    retryJobs: 1_000,
    leaseSeconds: 5,
    drainTimeoutMs: 30_000,
  },
  standard: {
    smokeJobs: 1_000,
    enqueueSingle: 5_000,
    enqueueConcurrent: 10_000,
    enqueueBulk: 50_000,
    bulkBatch: 500,
    burnDownJobs: 50_000,
    latencySamples: 500,
    latencyWarmup: 50,
    latencyBudgetMs: 60_000,
    openLoopRate: 500,
    openLoopSeconds: 20,
    crashRate: 500,
    crashSeconds: 40,
    crashKillAtSeconds: 10,
    crashRestartAtSeconds: 15,
    retryJobs: 20_000,
    leaseSeconds: 10,
    drainTimeoutMs: 120_000,
  },
};

/** Handler slots per worker process, and worker processes (2 × 16 = 32 slots per system). */
export const SLOTS = 16;
export const WORKER_PROCESSES = 2;
export const POOL_SIZE = 10;
export const MAX_ATTEMPTS = 3;
export const RETRY_DELAY_MS = 100;
/** W6 handlers take this long, so the killed worker holds jobs mid-run. */
export const CRASH_HANDLER_MS = 20;

/** W7: 1% always fail, another 10% fail their first two attempts and then succeed. */
export function plannedFailure(i: number, attempt: number): boolean {
  if (i % 100 === 0) return true;
  return i % 10 === 5 && attempt <= 2;
}

export function expectedDead(jobs: number): number {
  return Math.ceil(jobs / 100);
}
