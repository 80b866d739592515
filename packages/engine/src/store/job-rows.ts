import type { JobAttempt, JobDetail, JobError, JobState, JobSummary } from '@execops/contract';

/** A `jobs` row as node-postgres returns it (timestamptz → Date, jsonb → parsed). */
export interface JobRow {
  id: string;
  tenant: string;
  job_type: string;
  queue: string;
  payload: unknown;
  payload_digest: string;
  priority: number;
  state: JobState;
  attempt: number;
  max_attempts: number;
  run_at: Date;
  lease_id: string | null;
  lease_owner: string | null;
  lease_until: Date | null;
  heartbeat_at: Date | null;
  progress_percent: number | null;
  progress_message: string | null;
  result: unknown;
  last_error: JobError | null;
  idempotency_key: string | null;
  correlation_id: string | null;
  run_id: string | null;
  replay_of: string | null;
  tags: string[];
  timeout_seconds: number;
  cancel_requested_at: Date | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** `columns`, accepted only if it names every field of `Row` (a field added to the type must be added to the list). */
const everyColumnOf =
  <Row>() =>
  <const Columns extends readonly (keyof Row)[]>(columns: Columns & ([Exclude<keyof Row, Columns[number]>] extends [never] ? unknown : never)) =>
    columns;

/** Every column of JobRow, by name, for statements that must not return `*` (see NamedStatement in job-sql.ts). */
export const JOB_ROW_COLUMNS = everyColumnOf<JobRow>()([
  'id', 'tenant', 'job_type', 'queue', 'payload', 'payload_digest', 'priority', 'state', 'attempt', 'max_attempts',
  'run_at', 'lease_id', 'lease_owner', 'lease_until', 'heartbeat_at', 'progress_percent', 'progress_message', 'result',
  'last_error', 'idempotency_key', 'correlation_id', 'run_id', 'replay_of', 'tags', 'timeout_seconds',
  'cancel_requested_at', 'created_at', 'started_at', 'finished_at',
]);

/** What a claim hands the worker: the columns ClaimedJob is made of. */
export const CLAIM_ROW_COLUMNS = [
  'id', 'lease_id', 'tenant', 'job_type', 'queue', 'payload', 'attempt', 'max_attempts', 'timeout_seconds', 'lease_until',
] as const satisfies readonly (keyof JobRow)[];
export type ClaimRow = Pick<JobRow, (typeof CLAIM_ROW_COLUMNS)[number]>;

export interface AttemptRow {
  attempt: number;
  lease_id: string;
  worker: string;
  started_at: Date;
  ended_at: Date | null;
  outcome: JobAttempt['outcome'];
  error: JobError | null;
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function toJobSummary(row: JobRow): JobSummary {
  return {
    id: row.id,
    tenant: row.tenant,
    jobType: row.job_type,
    queue: row.queue,
    priority: row.priority,
    state: row.state,
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    runAt: iso(row.run_at),
    leaseOwner: row.lease_owner,
    leaseUntil: isoOrNull(row.lease_until),
    heartbeatAt: isoOrNull(row.heartbeat_at),
    progress: row.progress_percent === null ? null : { percent: row.progress_percent, message: row.progress_message },
    lastError: row.last_error,
    idempotencyKey: row.idempotency_key,
    correlationId: row.correlation_id,
    runId: row.run_id,
    replayOf: row.replay_of,
    tags: row.tags,
    payloadDigest: row.payload_digest,
    timeoutSeconds: row.timeout_seconds,
    cancelRequestedAt: isoOrNull(row.cancel_requested_at),
    createdAt: iso(row.created_at),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
  };
}

export function toJobAttempt(row: AttemptRow): JobAttempt {
  return {
    attempt: row.attempt,
    leaseId: row.lease_id,
    worker: row.worker,
    startedAt: iso(row.started_at),
    endedAt: isoOrNull(row.ended_at),
    outcome: row.outcome,
    error: row.error,
  };
}

export function toJobDetail(row: JobRow, attempts: readonly AttemptRow[]): JobDetail {
  return {
    ...toJobSummary(row),
    payload: row.payload as JobDetail['payload'],
    result: (row.result ?? null) as JobDetail['result'],
    attempts: attempts.map(toJobAttempt),
  };
}
