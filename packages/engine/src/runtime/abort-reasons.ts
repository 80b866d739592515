import type { JobError } from '@execops/contract';

/** Why the runtime aborted a handler; each maps to how the attempt is recorded. */
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
