// How a handler's failure becomes a recorded job error. Shared by the in-process runtime (engine) and the
// HTTP worker SDK, which must not depend on the engine.
import type { AttemptOutcome, JobError } from './jobs.ts';

/** Throw to fail the job at once, without retries (bad payload, a 4xx answer, …). */
export class PermanentJobError extends Error {
  constructor(
    message: string,
    readonly code = 'permanent_failure',
  ) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

const MAX_MESSAGE = 4096;
const MAX_STACK = 16_384;

/** How a thrown value is recorded on the job and its attempt. */
export function toJobError(thrown: unknown): JobError {
  if (thrown instanceof PermanentJobError) {
    return { code: thrown.code, message: thrown.message.slice(0, MAX_MESSAGE), class: 'permanent', retryable: false, ...stackOf(thrown) };
  }
  if (thrown instanceof Error) {
    const { code } = thrown as Error & { code?: unknown };
    return {
      code: typeof code === 'string' ? code.slice(0, 128) : 'handler_error',
      message: (thrown.message || thrown.name).slice(0, MAX_MESSAGE),
      class: 'transient',
      retryable: true,
      ...stackOf(thrown),
    };
  }
  return { code: 'handler_error', message: String(thrown).slice(0, MAX_MESSAGE), class: 'unknown', retryable: true };
}

function stackOf(error: Error): { stack?: string } {
  return error.stack ? { stack: error.stack.slice(0, MAX_STACK) } : {};
}

/** Why a worker aborted a handler; each maps to how the attempt is recorded. */
export type AbortReason = 'timeout' | 'canceled' | 'lease_lost' | 'shutdown';

export class JobAbortedError extends Error {
  constructor(readonly reason: AbortReason) {
    super(`job aborted: ${reason}`);
    this.name = 'JobAbortedError';
  }
}

export function abortedJobError(reason: Exclude<AbortReason, 'lease_lost'>, timeoutSeconds: number): JobError {
  switch (reason) {
    case 'timeout':
      return { code: 'timeout', message: `handler ran longer than ${timeoutSeconds} s`, class: 'timeout', retryable: true };
    case 'canceled':
      return { code: 'canceled', message: 'canceled by an operator while running', class: 'permanent', retryable: false };
    case 'shutdown':
      return { code: 'worker_shutdown', message: 'the worker stopped before the handler finished', class: 'transient', retryable: true };
  }
}

export type FailedAttemptOutcome = Extract<AttemptOutcome, 'failed' | 'timed_out' | 'canceled'>;

/**
 * What a worker reports for a handler that threw or was aborted: the error and the attempt's outcome, or
 * null for a lost lease (the job is no longer this worker's; there is nothing to report).
 */
export function failureReport(thrown: unknown, timeoutSeconds: number): { error: JobError; outcome: FailedAttemptOutcome } | null {
  if (!(thrown instanceof JobAbortedError)) return { error: toJobError(thrown), outcome: 'failed' };
  const { reason } = thrown;
  if (reason === 'lease_lost') return null;
  const outcome = reason === 'timeout' ? 'timed_out' : reason === 'canceled' ? 'canceled' : 'failed';
  return { error: abortedJobError(reason, timeoutSeconds), outcome };
}

/** The handler's result, or a `JobAbortedError` as soon as the signal aborts (a handler may ignore the signal). */
export function settleOrAbort<T>(run: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new JobAbortedError(signal.reason as AbortReason));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
