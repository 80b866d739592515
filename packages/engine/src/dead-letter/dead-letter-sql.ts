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

export const STATS_TOTALS_SQL = `
SELECT now() AS generated_at, count(*)::int AS open, min(dead_lettered_at) AS oldest_open_at,
       (count(*) FILTER (WHERE retryable))::int AS retryable_open
FROM dead_letter WHERE tenant = $1 AND status = 'open'`;

/**
 * The aggregate reads only the open-entries index (migration 015 puts job_type in it); each top cluster's newest
 * error is then one index lookup. Aggregating every entry's error to keep the newest took 1.7 s at 100k open
 * entries (bench/scale.ts).
 */
export const STATS_CLUSTERS_SQL = `
WITH top AS (
  SELECT cluster_key, count(*)::int AS open, min(dead_lettered_at) AS first_at, max(dead_lettered_at) AS last_at,
         array_agg(DISTINCT job_type ORDER BY job_type) AS job_types
  FROM dead_letter WHERE tenant = $1 AND status = 'open'
  GROUP BY cluster_key ORDER BY open DESC, last_at DESC, cluster_key LIMIT $2
)
SELECT top.*, newest.error AS newest_error
FROM top CROSS JOIN LATERAL (
  SELECT error FROM dead_letter d
  WHERE d.tenant = $1 AND d.cluster_key = top.cluster_key AND d.status = 'open'
  ORDER BY d.dead_lettered_at DESC, d.id DESC LIMIT 1
) newest
ORDER BY top.open DESC, top.last_at DESC, top.cluster_key`;

export const STATS_BY_JOB_TYPE_SQL = `
SELECT job_type, (count(*) FILTER (WHERE status = 'open'))::int AS open, count(*)::int AS total
FROM dead_letter WHERE tenant = $1
GROUP BY job_type ORDER BY open DESC, total DESC, job_type`;

/** Every hour of the last 24 (UTC hours, the current one last), with the entries dead-lettered in it. */
export const STATS_HOURLY_SQL = `
SELECT h AS hour, count(d.id)::int AS count
FROM generate_series(date_trunc('hour', now(), 'UTC') - interval '23 hours', date_trunc('hour', now(), 'UTC'), interval '1 hour') h
LEFT JOIN dead_letter d ON d.tenant = $1 AND d.dead_lettered_at >= h AND d.dead_lettered_at < h + interval '1 hour'
GROUP BY h ORDER BY h`;
