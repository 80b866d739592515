import type { JobError } from '@execops/contract';
import type { ClaimedJob } from '../store/engine-store.ts';

export interface JobContext<Payload = unknown> {
  job: ClaimedJob;
  payload: Payload;
  /** Aborted when the job times out, an operator cancels it, its lease is lost or the runtime stops. */
  signal: AbortSignal;
  /** Recorded with the next heartbeat. */
  reportProgress(percent: number, message?: string): void;
}

/** Returns the job's result (any JSON value); throwing fails the attempt. */
export type JobHandler<Payload = unknown> = (context: JobContext<Payload>) => Promise<unknown>;

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
