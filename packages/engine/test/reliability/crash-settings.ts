/** Short leases and intervals, so a crash is recovered in seconds; shared by the crash node and the test. */
export const CRASH_SETTINGS = {
  leaseSeconds: 1.5,
  rescueIntervalMs: 500,
  schedulerLeaseMs: 2_000,
  concurrency: 4,
  pollIntervalMs: 200,
} as const;

export const CRASH_JOB_TYPE = 'crash.work';

/** A crash.work job's payload: how long its handler works. */
export interface CrashWork {
  ms: number;
}
