// Statements of the dead-letter queue. Entries are created by the `jobs` trigger of migration 011; these read
// them and record replays and resolutions, each with its `deadletter.*` event in the same statement.

export const GET_ENTRY_SQL = `SELECT * FROM dead_letter WHERE tenant = $1 AND id = $2`;
export const LOCK_ENTRY_SQL = `SELECT * FROM dead_letter WHERE tenant = $1 AND id = $2 FOR UPDATE`;
export const ENTRY_STATUSES_SQL = `SELECT id, status FROM dead_letter WHERE tenant = $1 AND id = ANY($2::uuid[])`;

export const REPLAYS_SQL = `
SELECT r.job_id, j.state, r.at, r.actor, r.reason, r.ticket
FROM dead_letter_replays r LEFT JOIN jobs j ON j.id = r.job_id
WHERE r.entry_id = $1 ORDER BY r.at, r.job_id`;

export const REPLAY_BY_KEY_SQL = `SELECT job_id FROM dead_letter_replays WHERE entry_id = $1 AND idempotency_key = $2`;

/** $1 entry, $2 the replay job, $3 Idempotency-Key or null, $4 actor, $5 reason, $6 ticket. */
export const RECORD_REPLAY_SQL = `
WITH recorded AS (
  INSERT INTO dead_letter_replays (entry_id, job_id, idempotency_key, actor, reason, ticket) VALUES ($1, $2, $3, $4, $5, $6)
), updated AS (
  UPDATE dead_letter SET status = 'replayed', replayed_job_ids = replayed_job_ids || $2::uuid WHERE id = $1 RETURNING *
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT tenant, 'deadletter', 'deadletter.replayed', id::text, jsonb_build_object('jobId', job_id, 'replayJobId', $2::uuid)
  FROM updated
)
SELECT * FROM updated`;

/** $1 tenant, $2 entry ids, $3 note, $4 ticket, $5 by. Resolves those not yet resolved. */
export const RESOLVE_SQL = `
WITH updated AS (
  UPDATE dead_letter SET status = 'resolved', resolution_note = $3, resolution_ticket = $4, resolved_by = $5, resolved_at = now()
  WHERE tenant = $1 AND id = ANY($2::uuid[]) AND status <> 'resolved'
  RETURNING *
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT tenant, 'deadletter', 'deadletter.resolved', id::text, jsonb_build_object('jobId', job_id, 'by', resolved_by)
  FROM updated
)
SELECT * FROM updated ORDER BY dead_lettered_at DESC, id DESC`;

/** SQL for a tenant's entries per status, job type, cluster and retryable: the maintained counts of migration 021. */
const countsOf = (tenant: string) => `execops_dead_letter_counts(${tenant})`;

/**
 * Open entries of tenant $1 (stats and the overview's card): how many and how many retryable from the maintained
 * counts, the oldest from one probe of the status index.
 */
export const DEAD_LETTER_TOTALS_SQL = `
SELECT now() AS generated_at, coalesce(sum(n), 0)::int AS open, coalesce(sum(n) FILTER (WHERE retryable), 0)::int AS retryable_open,
       (SELECT min(dead_lettered_at) FROM dead_letter WHERE tenant = $1 AND status = 'open') AS oldest_open_at
FROM ${countsOf('$1')} WHERE status = 'open'`;

/**
 * The $2 clusters with the most open entries (ties: the newest entry first, then the key), from the maintained
 * counts. Only clusters at least as large as the $2-th are candidates; each candidate's newest open entry (its
 * error, last_at) and oldest (first_at) are one probe each of the open-entries index.
 */
export const STATS_CLUSTERS_SQL = `
WITH clusters AS (
  SELECT cluster_key, sum(n)::int AS open, array_agg(DISTINCT job_type ORDER BY job_type) AS job_types
  FROM ${countsOf('$1')} WHERE status = 'open' GROUP BY cluster_key
), candidates AS (
  SELECT * FROM clusters
  WHERE open >= coalesce((SELECT open FROM clusters ORDER BY open DESC OFFSET $2 - 1 LIMIT 1), 0)
)
SELECT c.cluster_key, c.open, c.job_types, oldest.first_at, newest.last_at, newest.error AS newest_error
FROM candidates c
CROSS JOIN LATERAL (
  SELECT d.dead_lettered_at AS last_at, d.error FROM dead_letter d
  WHERE d.tenant = $1 AND d.cluster_key = c.cluster_key AND d.status = 'open'
  ORDER BY d.dead_lettered_at DESC, d.id DESC LIMIT 1
) newest
CROSS JOIN LATERAL (
  SELECT min(d.dead_lettered_at) AS first_at FROM dead_letter d
  WHERE d.tenant = $1 AND d.cluster_key = c.cluster_key AND d.status = 'open'
) oldest
ORDER BY c.open DESC, newest.last_at DESC, c.cluster_key
LIMIT $2`;

export const STATS_BY_JOB_TYPE_SQL = `
SELECT job_type, coalesce(sum(n) FILTER (WHERE status = 'open'), 0)::int AS open, sum(n)::int AS total
FROM ${countsOf('$1')}
GROUP BY job_type ORDER BY open DESC, total DESC, job_type`;

/**
 * Every hour of the last 24 (UTC hours, the current one last), with the entries dead-lettered in it: one range scan
 * of the time index over those hours.
 */
export const STATS_HOURLY_SQL = `
WITH hours AS (
  SELECT generate_series(date_trunc('hour', now(), 'UTC') - interval '23 hours', date_trunc('hour', now(), 'UTC'), interval '1 hour') AS hour
), counted AS (
  SELECT date_trunc('hour', dead_lettered_at, 'UTC') AS hour, count(*)::int AS count FROM dead_letter
  WHERE tenant = $1 AND dead_lettered_at >= date_trunc('hour', now(), 'UTC') - interval '23 hours'
  GROUP BY 1
)
SELECT hours.hour, coalesce(counted.count, 0) AS count FROM hours LEFT JOIN counted USING (hour) ORDER BY hours.hour`;
