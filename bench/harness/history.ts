// The history checker run on every trial: every enqueued (and acknowledged) job completed exactly once, or
// failed terminally after its last attempt; extra executions are counted, never hidden.
import type { Execution } from './records.ts';

export interface History {
  enqueued: number;
  completed: number;
  /** No successful execution, and every attempt failed. */
  dead: number;
  /** Acknowledged by the system, never completed and not dead. */
  lost: number;
  /** Successful executions beyond the first of a job (at-least-once re-runs). */
  duplicates: number;
  /** Executions of a (job, attempt) already executed. */
  repeatedAttempts: number;
}

export function checkHistory(acknowledged: Iterable<number>, executions: readonly Execution[], maxAttempts: number): History {
  const succeeded = new Set<number>();
  const failedAttempts = new Map<number, number>();
  const attempts = new Set<string>();
  let okExecutions = 0;
  let repeatedAttempts = 0;
  for (const execution of executions) {
    const key = `${execution.i}:${execution.attempt}`;
    if (attempts.has(key)) repeatedAttempts++;
    attempts.add(key);
    if (execution.ok) {
      okExecutions++;
      succeeded.add(execution.i);
    } else {
      failedAttempts.set(execution.i, (failedAttempts.get(execution.i) ?? 0) + 1);
    }
  }
  let enqueued = 0;
  let completed = 0;
  let dead = 0;
  for (const i of acknowledged) {
    enqueued++;
    if (succeeded.has(i)) completed++;
    else if ((failedAttempts.get(i) ?? 0) >= maxAttempts) dead++;
  }
  return { enqueued, completed, dead, lost: enqueued - completed - dead, duplicates: okExecutions - succeeded.size, repeatedAttempts };
}
