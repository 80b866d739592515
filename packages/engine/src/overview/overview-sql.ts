// The aggregates behind the execution overview: one cheap statement per area, each on the tenant's indexes and the
// maintained job counts.
import { jobCountsOf } from '../health/job-counts.ts';
import { runsSelect } from '../scheduler/scheduler-sql.ts';

/**
 * Per queue of tenant $1: queued and running jobs (maintained counts), how long the oldest queued job has waited,
 * jobs finished in the last $2 minutes, paused. Queues with neither waiting nor recently finished jobs are left out.
 */
export const QUEUE_FLOW_SQL = `
WITH counted AS (
  SELECT queue, coalesce(sum(n) FILTER (WHERE state = 'queued'), 0)::int AS queued,
         coalesce(sum(n) FILTER (WHERE state = 'running'), 0)::int AS running
  FROM ${jobCountsOf('$1')} WHERE state IN ('queued', 'running') GROUP BY queue
), waiting AS (
  SELECT c.*, (SELECT extract(epoch FROM now() - min(j.run_at))::float8 FROM jobs j
               WHERE j.tenant = $1 AND j.queue = c.queue AND j.state = 'queued') AS oldest_queued_s
  FROM counted c
), finished AS (
  SELECT queue, count(*)::int AS n FROM jobs
  WHERE tenant = $1 AND finished_at >= now() - make_interval(mins => $2) GROUP BY queue
)
SELECT coalesce(w.queue, f.queue) AS queue, coalesce(w.queued, 0) AS queued, coalesce(w.running, 0) AS running,
       w.oldest_queued_s, coalesce(f.n, 0) AS finished,
       EXISTS (SELECT 1 FROM queue_pauses p WHERE p.tenant = $1 AND p.queue = coalesce(w.queue, f.queue)) AS paused
FROM waiting w FULL JOIN finished f ON f.queue = w.queue
ORDER BY queue`;

/** Quotas of tenant $1, the paused ones, and the tenant's jobs a quota holds back. */
export const QUOTA_PRESSURE_SQL = `
SELECT (SELECT count(*) FROM quotas WHERE tenant = $1)::int AS quotas,
       (SELECT count(*) FROM quotas WHERE tenant = $1 AND paused)::int AS paused,
       (SELECT coalesce(sum(n), 0) FROM ${jobCountsOf('$1')} WHERE state = 'throttled')::int AS throttled`;

/**
 * Schedules of tenant $1: firing, paused or disabled, overdue by more than $2 seconds (nobody fired them), slots
 * the misfire policy dropped in the last $3 hours, and runs created in that window that ended in error.
 */
export const SCHEDULER_HEALTH_SQL = `
SELECT (SELECT count(*) FROM schedules WHERE tenant = $1 AND enabled AND NOT paused)::int AS firing,
       (SELECT count(*) FROM schedules WHERE tenant = $1 AND (paused OR NOT enabled))::int AS idle,
       (SELECT count(*) FROM schedules WHERE tenant = $1 AND enabled AND NOT paused
          AND next_fire_at < now() - make_interval(secs => $2))::int AS overdue,
       (SELECT coalesce(sum((data->>'dropped')::int), 0) FROM events
          WHERE tenant = $1 AND topic = 'schedules' AND type = 'schedule.misfired'
            AND ts >= now() - make_interval(hours => $3))::int AS missed_fires,
       (SELECT count(*) FROM (${runsSelect(`r.tenant = $1 AND r.created_at >= now() - make_interval(hours => $3)`, `state = 'error'`)}) e)::int
         AS error_runs`;

/**
 * Every tenant that has jobs (a skip scan over the jobs_tenant_id index: one probe per tenant, not a scan of the
 * table), schedules, quotas or registered workers, plus $1 (the default tenant).
 */
export const TENANTS_SQL = `
WITH RECURSIVE job_tenants AS (
  (SELECT tenant FROM jobs ORDER BY tenant LIMIT 1)
  UNION ALL
  SELECT (SELECT j.tenant FROM jobs j WHERE j.tenant > t.tenant ORDER BY j.tenant LIMIT 1)
  FROM job_tenants t WHERE t.tenant IS NOT NULL
)
SELECT tenant FROM job_tenants WHERE tenant IS NOT NULL
UNION SELECT tenant FROM schedules
UNION SELECT tenant FROM quotas
UNION SELECT tenant FROM workers WHERE tenant IS NOT NULL
UNION SELECT $1
ORDER BY tenant
LIMIT $2`;

/** The active offline kit (the latest activation) with its age, kits refused in the last day, and the staleness setting. */
export const SCANNER_FEED_SQL = `
SELECT k.version, k.origin, k.advisories,
       (extract(epoch FROM now() - k.created_at) * 1000)::float8 AS age_ms,
       (SELECT count(*) FROM scanner_kit_quarantine WHERE received_at > now() - interval '24 hours') AS quarantined,
       (SELECT feed_staleness_days FROM scanner_settings WHERE singleton) AS staleness_days
FROM (SELECT 1) one
LEFT JOIN LATERAL (
  SELECT k.* FROM scanner_feed_activations a JOIN scanner_kits k ON k.id = a.kit_id ORDER BY a.id DESC LIMIT 1
) k ON true`;
