import { CLAIMED_COLUMNS } from '../store/job-sql.ts';

/** Quota rows that may govern a claim of these types, locked in a fixed order (no deadlocks between claimers). */
export const LOCK_QUOTAS_SQL = `
SELECT 1 FROM quotas WHERE job_type = ANY ($1::text[]) OR job_type = '*' ORDER BY tenant, job_type FOR UPDATE`;

export const QUOTAS_APPLY_SQL = `SELECT EXISTS (SELECT 1 FROM quotas WHERE job_type = ANY ($1::text[]) OR job_type = '*') AS apply`;

const BIG = 2147483647;

const QUOTA_FIELDS = ['budget', 'paused', 'max_per_hour', 'used_this_hour', 'hour_ends_at', 'tokens_now', 'refill_per_second'];

/** The budget row `alias` flattened as `<prefix>_<field>` columns. */
const quotaColumns = (alias: string, prefix: string) => QUOTA_FIELDS.map((f) => `${alias}.${f} AS ${prefix}_${f}`).join(', ');

/** When the limit that denied the job of rank `<prefix>_rank` frees up. */
const notBefore = (p: string) => `CASE
    WHEN ${p}_paused THEN now() + interval '5 seconds'
    WHEN ${p}_rank > ${p}_max_per_hour - ${p}_used_this_hour THEN coalesce(${p}_hour_ends_at, now() + interval '1 hour')
    WHEN ${p}_rank > floor(${p}_tokens_now) THEN now() + make_interval(secs => (${p}_rank - ${p}_tokens_now) / ${p}_refill_per_second)
    ELSE now() + interval '1 second' END`;

/** Live usage of a quota row `q` (active running jobs, hour window, refilled tokens), as SQL expressions. */
export const QUOTA_USAGE_COLUMNS = `
  (SELECT count(*) FROM jobs r WHERE r.tenant = q.tenant AND r.state = 'running'
     AND (q.job_type = '*' OR r.job_type = q.job_type))::int AS active,
  CASE WHEN q.hour_started_at > now() - interval '1 hour' THEN q.hour_used ELSE 0 END AS used_this_hour,
  CASE WHEN q.hour_started_at > now() - interval '1 hour' THEN q.hour_started_at + interval '1 hour' END AS hour_ends_at,
  CASE WHEN q.burst IS NULL THEN NULL
       ELSE least(q.burst::float8, q.tokens + extract(epoch FROM now() - q.tokens_at) * q.refill_per_second) END AS tokens_now`;

/**
 * The claim when quotas apply; run after LOCK_QUOTAS_SQL in the same transaction, so the running-job counts below
 * see every claim that committed before ours. Candidates come in claim order; each quota admits its budget
 * (min of free active slots, hourly allowance and whole tokens; 0 when paused) and the rest become `throttled`
 * with run_at = when the binding limit frees up. A job under both a type quota and the tenant's '*' quota needs
 * room in both. $1 worker, $2 types, $3 limit, $4 lease seconds.
 */
export const QUOTA_CLAIM_SQL = `
WITH candidates AS (
  SELECT j.id, j.tenant, j.job_type, j.priority, j.run_at
  FROM jobs j WHERE j.id = ANY (ARRAY(SELECT execops_claimable_jobs($2::text[], $3::int)))
), usage AS (
  SELECT q.tenant, q.job_type, q.paused, q.max_active, q.max_per_hour, q.refill_per_second, u.*
  FROM quotas q
  CROSS JOIN LATERAL (SELECT ${QUOTA_USAGE_COLUMNS}) u
  WHERE (q.tenant, q.job_type) IN (SELECT tenant, job_type FROM candidates UNION SELECT tenant, '*' FROM candidates)
), budgets AS (
  SELECT *, CASE WHEN paused THEN 0 ELSE greatest(0, least(
           coalesce(max_active - active, ${BIG}),
           coalesce(max_per_hour - used_this_hour, ${BIG}),
           coalesce(floor(tokens_now)::bigint, ${BIG}))) END AS budget
  FROM usage
), ranked AS (
  SELECT c.id, c.tenant, c.job_type,
         row_number() OVER (PARTITION BY c.tenant, c.job_type ORDER BY c.priority, c.run_at, c.id) AS t_rank,
         row_number() OVER (PARTITION BY c.tenant ORDER BY c.priority, c.run_at, c.id) AS s_rank,
         ${quotaColumns('bt', 't')}, ${quotaColumns('bs', 's')}
  FROM candidates c
  LEFT JOIN budgets bt ON bt.tenant = c.tenant AND bt.job_type = c.job_type
  LEFT JOIN budgets bs ON bs.tenant = c.tenant AND bs.job_type = '*'
), decided AS (
  SELECT id, tenant, job_type,
         t_rank <= coalesce(t_budget, ${BIG}) AND s_rank <= coalesce(s_budget, ${BIG}) AS admitted,
         greatest(
           CASE WHEN t_rank > coalesce(t_budget, ${BIG}) THEN ${notBefore('t')} END,
           CASE WHEN s_rank > coalesce(s_budget, ${BIG}) THEN ${notBefore('s')} END
         ) AS not_before
  FROM ranked
), claimed AS (
  UPDATE jobs j
  SET state = 'running', attempt = j.attempt + 1, lease_id = gen_random_uuid(), lease_owner = $1,
      lease_until = now() + make_interval(secs => $4), heartbeat_at = now(),
      started_at = coalesce(j.started_at, now()), progress_percent = NULL, progress_message = NULL
  FROM decided d WHERE j.id = d.id AND d.admitted
  RETURNING ${CLAIMED_COLUMNS}
), throttled AS (
  UPDATE jobs j SET state = 'throttled', run_at = d.not_before
  FROM decided d WHERE j.id = d.id AND NOT d.admitted
  RETURNING j.id, j.tenant, j.run_at
), consumed AS (
  UPDATE quotas q
  SET tokens = CASE WHEN q.burst IS NULL THEN NULL ELSE b.tokens_now - n.admitted END,
      tokens_at = now(),
      hour_started_at = CASE WHEN b.hour_ends_at IS NULL THEN now() ELSE q.hour_started_at END,
      hour_used = b.used_this_hour + n.admitted
  FROM budgets b
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS admitted FROM decided d
    WHERE d.admitted AND d.tenant = b.tenant AND (b.job_type = '*' OR d.job_type = b.job_type)
  ) n
  WHERE q.tenant = b.tenant AND q.job_type = b.job_type AND n.admitted > 0
), attempts AS (
  INSERT INTO job_attempts (job_id, attempt, lease_id, worker) SELECT id, attempt, lease_id, $1 FROM claimed
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT tenant, 'jobs', 'job.started', id::text, jsonb_build_object('attempt', attempt, 'worker', $1::text) FROM claimed
  UNION ALL
  SELECT tenant, 'jobs', 'job.throttled', id::text, jsonb_build_object('notBefore', run_at) FROM throttled
)
SELECT * FROM claimed ORDER BY priority, run_at, id`;
