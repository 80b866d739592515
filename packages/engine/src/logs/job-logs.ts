import type { JobArtifact, JobArtifactInput, JobArtifactList, JobLogLine, JobLogLineInput, JobLogPage, JobLogsQuery, LogLevel } from '@execops/contract';
import type { Queryable } from '../db/pool.ts';
import type { Lease } from '../store/engine-store.ts';
import { JobNotFoundError, LeaseLostError } from '../store/errors.ts';
import { ADD_ARTIFACT_SQL, APPEND_LOGS_SQL, LIST_ARTIFACTS_SQL, LIST_LOGS_SQL } from './job-logs-sql.ts';

interface LogRow {
  id: number | null;
  attempt: number;
  ts: Date;
  level: LogLevel;
  message: string;
  fields: JobLogLine['fields'];
}

interface ArtifactRow {
  name: string;
  uri: string;
  digest: string;
  size: number;
  mime: string;
  attempt: number;
  created_at: Date;
}

/** The LEFT JOIN of a job without artifacts yields one row of nulls. */
type ListedArtifactRow = Omit<ArtifactRow, 'name'> & { name: string | null };

export interface AppendResult {
  appended: number;
  lastId: number;
}

/** Job log lines and artifacts: written under the job's lease, read per tenant. */
export class JobLogStore {
  constructor(private readonly db: Queryable) {}

  /** Throws `LeaseLostError` (and writes nothing) unless `lease` still holds the running job. */
  async append(lease: Lease, lines: readonly JobLogLineInput[]): Promise<AppendResult> {
    const { rows } = await this.db.query<{ held: number; appended: number; last_id: number }>(APPEND_LOGS_SQL, [
      lease.jobId,
      lease.leaseId,
      lines.map((l) => l.ts ?? null),
      lines.map((l) => l.level),
      // PostgreSQL text cannot hold NUL characters.
      lines.map((l) => l.message.replaceAll('\0', '')),
      lines.map((l) => (l.fields === undefined ? null : JSON.stringify(l.fields).replaceAll('\\u0000', ''))),
    ]);
    const row = rows[0];
    if (!row?.held) throw new LeaseLostError(lease.jobId, lease.leaseId);
    return { appended: row.appended, lastId: row.last_id };
  }

  /** Adds (or replaces, by name) an artifact of the running job; throws `LeaseLostError` like `append`. */
  async addArtifact(lease: Lease, artifact: JobArtifactInput): Promise<JobArtifact> {
    const { rows } = await this.db.query<ArtifactRow>(ADD_ARTIFACT_SQL, [
      lease.jobId,
      lease.leaseId,
      artifact.name,
      artifact.uri,
      artifact.digest,
      artifact.size,
      artifact.mime,
    ]);
    const row = rows[0];
    if (!row) throw new LeaseLostError(lease.jobId, lease.leaseId);
    return toArtifact(row);
  }

  /** Lines after `afterId` in write order. Throws `JobNotFoundError` for a job outside the tenant. */
  async listLogs(tenant: string, jobId: string, query: JobLogsQuery): Promise<JobLogPage> {
    const { rows } = await this.db.query<LogRow>(LIST_LOGS_SQL, [tenant, jobId, query.afterId, query.limit]);
    if (rows.length === 0) throw new JobNotFoundError(jobId);
    const items = rows.filter((r): r is LogRow & { id: number } => r.id !== null).map(toLogLine);
    return { items, nextAfterId: items.at(-1)?.id ?? query.afterId, hasMore: items.length === query.limit };
  }

  async listArtifacts(tenant: string, jobId: string): Promise<JobArtifactList> {
    const { rows } = await this.db.query<ListedArtifactRow>(LIST_ARTIFACTS_SQL, [tenant, jobId]);
    if (rows.length === 0) throw new JobNotFoundError(jobId);
    return { items: rows.filter((r): r is ArtifactRow => r.name !== null).map(toArtifact) };
  }
}

function toLogLine(row: LogRow & { id: number }): JobLogLine {
  return { id: row.id, attempt: row.attempt, ts: row.ts.toISOString(), level: row.level, message: row.message, fields: row.fields };
}

function toArtifact(row: ArtifactRow): JobArtifact {
  return {
    name: row.name,
    uri: row.uri,
    digest: row.digest,
    size: row.size,
    mime: row.mime,
    attempt: row.attempt,
    createdAt: row.created_at.toISOString(),
  };
}
