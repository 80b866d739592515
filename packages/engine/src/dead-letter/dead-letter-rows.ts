import type { DeadLetterEntry, DeadLetterReplay, DeadLetterStatus, JobError, JobState } from '@execops/contract';

/** A `dead_letter` row as node-postgres returns it. */
export interface DeadLetterRow {
  id: string;
  tenant: string;
  job_id: string;
  job_type: string;
  queue: string;
  payload_digest: string;
  attempts: number;
  first_failed_at: Date;
  dead_lettered_at: Date;
  error: JobError;
  error_code: string;
  error_class: JobError['class'];
  retryable: boolean;
  cluster_key: string;
  status: DeadLetterStatus;
  replayed_job_ids: string[];
  resolution_note: string | null;
  resolution_ticket: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}

/** A row of `DEAD_LETTER_TOTALS_SQL`: the tenant's open entries. */
export interface DeadLetterTotalsRow {
  generated_at: Date;
  open: number;
  retryable_open: number;
  oldest_open_at: Date | null;
}

export interface ReplayRow {
  job_id: string;
  state: JobState | null;
  at: Date;
  actor: string;
  reason: string;
  ticket: string | null;
}

export function toDeadLetterEntry(row: DeadLetterRow): DeadLetterEntry {
  return {
    id: row.id,
    tenant: row.tenant,
    jobId: row.job_id,
    jobType: row.job_type,
    queue: row.queue,
    payloadDigest: row.payload_digest,
    attempts: row.attempts,
    firstFailedAt: row.first_failed_at.toISOString(),
    deadLetteredAt: row.dead_lettered_at.toISOString(),
    error: row.error,
    clusterKey: row.cluster_key,
    status: row.status,
    replayedJobIds: row.replayed_job_ids,
    resolution:
      row.resolved_at === null
        ? null
        : { note: row.resolution_note ?? '', ticket: row.resolution_ticket, by: row.resolved_by ?? '', at: row.resolved_at.toISOString() },
  };
}

export function toDeadLetterReplay(row: ReplayRow): DeadLetterReplay {
  return { jobId: row.job_id, state: row.state, at: row.at.toISOString(), by: row.actor, reason: row.reason, ticket: row.ticket };
}
