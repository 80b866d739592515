import type { JobDetail, JobState } from '@execops/contract';
import type { EngineStore } from '../../src/store/engine-store.ts';

export interface WaitOptions {
  /** Default 10,000. */
  timeoutMs?: number;
  /** Default 50. */
  intervalMs?: number;
  /** Names what was awaited in the timeout message. */
  description?: string;
}

/**
 * Calls `check` until it returns a truthy value and returns that value. On timeout it throws, naming what
 * was awaited and the last value (or error) the check produced.
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const { timeoutMs = 10_000, intervalMs = 50, description = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let last: { value: unknown } | { error: unknown } = { value: undefined };
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) {
      const seen = 'error' in last ? `last error: ${String(last.error)}` : `last value: ${JSON.stringify(last.value)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description} (${seen})`);
    }
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until the job is in one of `states` and returns its detail; the timeout message names the state it was stuck in. */
export async function waitForJobState(
  store: EngineStore,
  tenant: string,
  jobId: string,
  states: JobState | readonly JobState[],
  options: Omit<WaitOptions, 'description'> = {},
): Promise<JobDetail> {
  const wanted: readonly JobState[] = typeof states === 'string' ? [states] : states;
  let lastState = 'missing';
  try {
    return await waitFor(
      async () => {
        const job = await store.getJob(tenant, jobId);
        lastState = job?.state ?? 'missing';
        return job && wanted.includes(job.state) ? job : undefined;
      },
      { ...options, description: `job ${jobId} to be ${wanted.join(' or ')}` },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; it is ${lastState}`);
  }
}
