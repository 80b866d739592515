import type { JobLogFields, LogLevel } from '@execops/contract';
import type { ClaimedJob } from '../store/engine-store.ts';

export interface JobContext<Payload = unknown> {
  job: ClaimedJob;
  payload: Payload;
  /** Aborted when the job times out, an operator cancels it, its lease is lost or the runtime stops. */
  signal: AbortSignal;
  /** Recorded with the next heartbeat. */
  reportProgress(percent: number, message?: string): void;
  /** Writes a line to the job's log (in order, batched); present when the runtime was given a log store. */
  log?(level: LogLevel, message: string, fields?: JobLogFields): void;
}

/** Returns the job's result (any JSON value); throwing fails the attempt. */
export type JobHandler<Payload = unknown> = (context: JobContext<Payload>) => Promise<unknown>;

// Shared with the HTTP worker SDK, so they live in the contract package.
export { PermanentJobError, toJobError } from '@execops/contract';
