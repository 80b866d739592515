import {
  FINISHED_STATES,
  JOB_STATES,
  JobState,
  RUN_STREAM_ID_PATTERN,
  type JobLogLine,
  type LogLevel,
  type RunState,
  type RunStreamEvent,
} from '@execops/contract';
import type { Queryable } from '../db/pool.ts';
import type { EventCursor } from '../events/event-feed.ts';
import { readRun } from './run-store.ts';

/** After the `n`-th item derived from the event row `(xact, id)`; see `RUN_STREAM_ID_PATTERN`. */
export interface RunStreamCursor extends EventCursor {
  n: number;
}

export function parseRunStreamCursor(text: string): RunStreamCursor | null {
  const match = RUN_STREAM_ID_PATTERN.exec(text);
  return match ? { xact: match[1]!, id: Number(match[2]), n: Number(match[3]) } : null;
}

export function formatRunStreamCursor(cursor: RunStreamCursor): string {
  return `${cursor.xact}.${cursor.id}.${cursor.n}`;
}

function isAfter(a: RunStreamCursor, b: RunStreamCursor): boolean {
  const xa = BigInt(a.xact);
  const xb = BigInt(b.xact);
  if (xa !== xb) return xa > xb;
  return a.id !== b.id ? a.id > b.id : a.n > b.n;
}

interface RunEventRow {
  id: number;
  topic: 'jobs' | 'runs';
  type: string;
  subject_id: string;
  data: Record<string, unknown>;
  ts: Date;
  xact: string;
  job_type: string | null;
  /** No later row of the run comes from the same transaction: the run's state is settled here. */
  last_in_xact: boolean;
}

/**
 * $1 tenant, $2 run, $3/$4 after (xact, id), $5 limit. The events of the run's jobs and of the run itself, in the
 * event feed's snapshot-safe (xact, id) order: only transactions older than every one still running, so nothing can
 * later commit before the cursor. One statement, so a job added to the run (a retry) and its events are seen together.
 * The window runs before LIMIT, so `last_in_xact` does not depend on where a read was cut.
 */
const RUN_EVENTS_SQL = `
WITH run_jobs AS (SELECT id::text AS subject_id, job_type FROM jobs WHERE tenant = $1 AND run_id = $2::uuid)
SELECT e.id, e.topic, e.type, e.subject_id, e.data, e.ts, e.xact::text AS xact, rj.job_type,
       lead(e.xact) OVER (ORDER BY e.xact, e.id) IS DISTINCT FROM e.xact AS last_in_xact
FROM events e
LEFT JOIN run_jobs rj ON e.topic = 'jobs' AND rj.subject_id = e.subject_id
WHERE e.tenant = $1
  AND ((e.topic = 'jobs' AND e.subject_id = ANY(ARRAY(SELECT subject_id FROM run_jobs))) OR (e.topic = 'runs' AND e.subject_id = $2::text))
  AND (e.xact, e.id) > ($3::xid8, $4::bigint) AND e.xact < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY e.xact, e.id
LIMIT $5`;

interface LogRow {
  id: number;
  job_id: string;
  attempt: number;
  ts: Date;
  level: LogLevel;
  message: string;
  fields: JobLogLine['fields'];
  xact: string;
}

/** $1 job ids, $2 their transactions (pairwise): the lines each `job.logged` event's transaction wrote. */
const LOGGED_LINES_SQL = `
SELECT id, job_id, attempt, ts, level, message, fields, xact::text AS xact FROM job_logs
WHERE (job_id, xact) IN (SELECT * FROM unnest($1::uuid[], $2::xid8[]))
ORDER BY id`;

/** What a job event makes of the job's state; absent: the state stays (cancel requested, priority changed, …). */
const STATE_AFTER: Record<string, JobState> = {
  'job.started': 'running',
  'job.succeeded': 'succeeded',
  'job.failed': 'failed',
  'job.canceled': 'canceled',
  'job.retry_scheduled': 'scheduled',
  'job.lease_expired': 'queued',
  'job.skipped': 'skipped',
  'job.blocked': 'blocked',
  'job.throttled': 'throttled',
  'job.unthrottled': 'queued',
};

interface JobFold {
  jobType: string;
  state: JobState;
  attempt: number;
  begun: boolean;
  /** Retried into the run: its replay counts instead. */
  replaced: boolean;
}

const FINISHED = new Set<JobState>(FINISHED_STATES);

/**
 * The run state rule of `runsSelect` (scheduler-sql.ts), applied to the jobs as the stream has seen them, so a
 * late viewer and a resumed one get the same `stateChanged`/`progress` items at the same ids as a live one.
 */
function summarize(jobs: Iterable<JobFold>) {
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
  let total = 0;
  let processed = 0;
  let begun = false;
  for (const job of jobs) {
    if (job.replaced) continue;
    counts[job.state] += 1;
    total += 1;
    if (FINISHED.has(job.state)) processed += 1;
    begun ||= job.begun;
  }
  let state: RunState;
  if (total === 0) state = 'planning';
  else if (processed < total) state = begun ? 'running' : 'queued';
  else if (counts.failed > 0) state = 'error';
  else if (counts.canceled > 0) state = 'cancelled';
  else state = 'completed';
  return { counts, total, processed, state };
}

const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

/**
 * One viewer's stream of a run: the whole history, then what commits later. Every read folds the run's job events
 * from the start, so the derived items (`progress`, `stateChanged`) are the same for every viewer, and items up to
 * the resume cursor are computed but not returned.
 */
export class RunStream {
  private cursor: EventCursor = { xact: '0', id: 0 };
  private readonly jobs = new Map<string, JobFold>();
  private state: RunState | null = null;
  private progressKey = '';

  private constructor(
    private readonly db: Queryable,
    readonly tenant: string,
    readonly runId: string,
    private readonly after: RunStreamCursor | null,
  ) {}

  /** Throws `RunNotFoundError` for a run outside the tenant, before anything is streamed. */
  static async open(db: Queryable, tenant: string, runId: string, after: RunStreamCursor | null): Promise<RunStream> {
    await readRun(db, tenant, runId);
    return new RunStream(db, tenant, runId, after);
  }

  /** Items committed since the last call (at most from `limit` event rows); `more` when the read was cut short. */
  async next(limit: number): Promise<{ items: RunStreamEvent[]; more: boolean }> {
    const { rows } = await this.db.query<RunEventRow>(RUN_EVENTS_SQL, [this.tenant, this.runId, this.cursor.xact, this.cursor.id, limit]);
    const lines = await this.loggedLines(rows);
    const items: RunStreamEvent[] = [];
    for (const row of rows) {
      let n = 0;
      const emit = (item: Unnumbered) => {
        const at = { xact: row.xact, id: row.id, n: n++ };
        if (!this.after || isAfter(at, this.after)) items.push({ ...item, id: formatRunStreamCursor(at), runId: this.runId } as RunStreamEvent);
      };
      if (row.topic === 'runs') {
        emit({ type: 'runEvent', ts: row.ts.toISOString(), event: row.type, data: asJson(row.data) });
      } else if (row.type === 'job.logged') {
        for (const line of lines.take(row)) {
          emit({
            type: 'log',
            ts: line.ts.toISOString(),
            jobId: line.job_id,
            jobType: row.job_type ?? '',
            attempt: line.attempt,
            logId: line.id,
            level: line.level,
            message: line.message,
            fields: line.fields,
          });
        }
      } else {
        const job = this.applyJobEvent(row);
        emit({
          type: 'jobChanged',
          ts: row.ts.toISOString(),
          jobId: row.subject_id,
          jobType: job.jobType,
          event: row.type,
          state: job.state,
          attempt: job.attempt,
          data: asJson(row.data),
        });
      }
      // Derived once per transaction (a pipeline enqueues all its jobs in one), never where a read happened to end.
      if (row.last_in_xact) this.derive(row.ts.toISOString(), emit);
      this.cursor = { xact: row.xact, id: row.id };
    }
    return { items, more: rows.length === limit };
  }

  /** `progress` and `stateChanged` when the jobs as folded so far changed them. */
  private derive(ts: string, emit: (item: Unnumbered) => void): void {
    const summary = summarize(this.jobs.values());
    const progressKey = `${summary.processed}/${summary.total} ${JSON.stringify(summary.counts)}`;
    if (progressKey !== this.progressKey) {
      this.progressKey = progressKey;
      emit({ type: 'progress', ts, processed: summary.processed, total: summary.total, counts: summary.counts });
    }
    if (summary.state !== this.state) {
      emit({ type: 'stateChanged', ts, from: this.state, to: summary.state });
      this.state = summary.state;
    }
  }

  private applyJobEvent(row: RunEventRow): JobFold {
    const data = row.data;
    let job = this.jobs.get(row.subject_id);
    if (!job) {
      job = { jobType: row.job_type ?? '', state: 'queued', attempt: 0, begun: false, replaced: false };
      this.jobs.set(row.subject_id, job);
    }
    const enqueuedState = JobState.safeParse(data['state']);
    const next = STATE_AFTER[row.type] ?? (row.type === 'job.enqueued' || row.type === 'job.unblocked' ? enqueuedState.data : undefined);
    if (next) job.state = next;
    job.attempt = numberOr(data['attempt'], job.attempt);
    job.begun ||= row.type === 'job.started' || FINISHED.has(job.state);
    const replayOf = typeof data['replayOf'] === 'string' ? this.jobs.get(data['replayOf']) : undefined;
    if (row.type === 'job.enqueued' && replayOf) replayOf.replaced = true;
    return job;
  }

  /** The lines of the batch's `job.logged` events, handed out per event in write order. */
  private async loggedLines(rows: readonly RunEventRow[]) {
    const logged = rows.filter((r) => r.topic === 'jobs' && r.type === 'job.logged');
    const { rows: lines } =
      logged.length === 0
        ? { rows: [] }
        : await this.db.query<LogRow>(LOGGED_LINES_SQL, [logged.map((r) => r.subject_id), logged.map((r) => r.xact)]);
    // Per (job, transaction), in id order; a transaction that logged twice has two events, each up to its lastId.
    const queues = new Map<string, LogRow[]>();
    for (const line of lines) {
      const key = `${line.job_id}|${line.xact}`;
      const queue = queues.get(key);
      if (queue) queue.push(line);
      else queues.set(key, [line]);
    }
    return {
      take: (row: RunEventRow): LogRow[] => {
        const queue = queues.get(`${row.subject_id}|${row.xact}`) ?? [];
        const lastId = numberOr(row.data['lastId'], 0);
        let end = 0;
        while (end < queue.length && queue[end]!.id <= lastId) end += 1;
        return queue.splice(0, end);
      },
    };
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An item before it gets its place in the stream. */
type Unnumbered = DistributiveOmit<RunStreamEvent, 'id' | 'runId'>;
type EventData = Extract<RunStreamEvent, { type: 'runEvent' }>['data'];
/** Event data is a JSON object as the database stored it. */
const asJson = (data: Record<string, unknown>) => data as EventData;
