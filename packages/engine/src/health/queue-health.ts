import { JOB_STATES, QUEUE_HEALTH_WINDOW_MINUTES, type JobState, type QueueHealth, type QueueHealthReport } from '@execops/contract';
import type { Queryable } from '../db/pool.ts';
import { jobCountsOf } from './job-counts.ts';

/**
 * One row per queue of the tenant, all figures from one statement (one snapshot). Counts come from the maintained
 * counts, the oldest runnable job from the waiting-jobs index (one probe per queue). Waits run from creation to the
 * first attempt's start, so a job enqueued for later counts its delay too. Active workers are the distinct lease
 * owners of running jobs, read by a skip scan of the running-owners index (one probe per queue and owner).
 */
const QUEUE_HEALTH_SQL = `
WITH window_start AS (
  SELECT date_trunc('minute', now()) - make_interval(mins => $2 - 1) AS since
), counts AS (
  SELECT queue, jsonb_object_agg(state, n) AS by_state
  FROM ${jobCountsOf('$1')} c
  GROUP BY queue
), queues AS (
  SELECT queue FROM counts UNION SELECT queue FROM queue_pauses WHERE tenant = $1
), oldest AS (
  SELECT q.queue, extract(epoch FROM now() - w.run_at) * 1000 AS age_ms
  FROM queues q CROSS JOIN LATERAL (
    SELECT run_at FROM jobs
    WHERE tenant = $1 AND queue = q.queue AND state IN ('queued', 'scheduled', 'throttled') AND run_at <= now()
    ORDER BY run_at LIMIT 1
  ) w
), finished AS (
  SELECT queue, date_trunc('minute', finished_at) AS minute,
         count(*) FILTER (WHERE state = 'succeeded')::int AS succeeded,
         count(*) FILTER (WHERE state = 'failed')::int AS failed
  FROM jobs, window_start WHERE tenant = $1 AND finished_at >= window_start.since
  GROUP BY queue, date_trunc('minute', finished_at)
), series AS (
  SELECT q.queue, jsonb_agg(jsonb_build_object('minute', m.minute, 'succeeded', coalesce(f.succeeded, 0),
                                               'failed', coalesce(f.failed, 0)) ORDER BY m.minute) AS throughput,
         coalesce(sum(f.succeeded + f.failed), 0)::int AS finished, coalesce(sum(f.failed), 0)::int AS failed
  FROM queues q
  CROSS JOIN window_start w
  CROSS JOIN LATERAL generate_series(w.since, date_trunc('minute', now()), interval '1 minute') AS m(minute)
  LEFT JOIN finished f ON f.queue = q.queue AND f.minute = m.minute
  GROUP BY q.queue
), runs AS (
  SELECT j.queue,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.ended_at - a.started_at)) * 1000 AS p50,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM a.ended_at - a.started_at)) * 1000 AS p95
  FROM job_attempts a JOIN jobs j ON j.id = a.job_id, window_start w
  WHERE j.tenant = $1 AND a.ended_at >= w.since
  GROUP BY j.queue
), waits AS (
  SELECT j.queue,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.started_at - j.created_at)) * 1000 AS p50,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM a.started_at - j.created_at)) * 1000 AS p95
  FROM job_attempts a JOIN jobs j ON j.id = a.job_id, window_start w
  WHERE j.tenant = $1 AND a.attempt = 1 AND a.started_at >= w.since
  GROUP BY j.queue
), workers AS (
  SELECT q.queue, count(*)::int AS n
  FROM queues q CROSS JOIN LATERAL (
    WITH RECURSIVE owners AS (
      (SELECT lease_owner FROM jobs WHERE tenant = $1 AND queue = q.queue AND state = 'running' ORDER BY lease_owner LIMIT 1)
      UNION ALL
      SELECT (SELECT j.lease_owner FROM jobs j
              WHERE j.tenant = $1 AND j.queue = q.queue AND j.state = 'running' AND j.lease_owner > o.lease_owner
              ORDER BY j.lease_owner LIMIT 1)
      FROM owners o WHERE o.lease_owner IS NOT NULL
    )
    SELECT lease_owner FROM owners WHERE lease_owner IS NOT NULL
  ) o
  GROUP BY q.queue
)
SELECT q.queue, coalesce(c.by_state, '{}') AS by_state, o.age_ms, s.throughput, s.finished, s.failed,
       w.p50 AS wait_p50, w.p95 AS wait_p95, r.p50 AS run_p50, r.p95 AS run_p95, coalesce(k.n, 0) AS active_workers,
       p.paused_at, p.reason AS paused_reason
FROM queues q
JOIN series s ON s.queue = q.queue
LEFT JOIN counts c ON c.queue = q.queue
LEFT JOIN oldest o ON o.queue = q.queue
LEFT JOIN waits w ON w.queue = q.queue
LEFT JOIN runs r ON r.queue = q.queue
LEFT JOIN workers k ON k.queue = q.queue
LEFT JOIN queue_pauses p ON p.tenant = $1 AND p.queue = q.queue
ORDER BY q.queue`;

interface QueueHealthRow {
  queue: string;
  by_state: Partial<Record<JobState, number>>;
  age_ms: number | null;
  throughput: Array<{ minute: string; succeeded: number; failed: number }>;
  finished: number;
  failed: number;
  wait_p50: number | null;
  wait_p95: number | null;
  run_p50: number | null;
  run_p95: number | null;
  active_workers: number;
  paused_at: Date | null;
  paused_reason: string | null;
}

const round = (ms: number | null) => (ms === null ? null : Math.round(ms * 10) / 10);

export async function queueHealth(db: Queryable, tenant: string): Promise<QueueHealthReport> {
  const { rows } = await db.query<QueueHealthRow>(QUEUE_HEALTH_SQL, [tenant, QUEUE_HEALTH_WINDOW_MINUTES]);
  const queues = rows.map(
    (row): QueueHealth => ({
      queue: row.queue,
      counts: Object.fromEntries(JOB_STATES.map((state) => [state, row.by_state[state] ?? 0])) as Record<JobState, number>,
      oldestRunnableAgeMs: round(row.age_ms),
      throughput: row.throughput.map((m) => ({ ...m, minute: new Date(m.minute).toISOString() })),
      finishedLastHour: row.finished,
      failureRate: row.finished > 0 ? row.failed / row.finished : null,
      waitMs: { p50: round(row.wait_p50), p95: round(row.wait_p95) },
      runMs: { p50: round(row.run_p50), p95: round(row.run_p95) },
      activeWorkers: row.active_workers,
      paused: row.paused_at !== null,
      pausedAt: row.paused_at?.toISOString() ?? null,
      pausedReason: row.paused_reason,
    }),
  );
  return { generatedAt: new Date().toISOString(), windowMinutes: QUEUE_HEALTH_WINDOW_MINUTES, queues };
}
