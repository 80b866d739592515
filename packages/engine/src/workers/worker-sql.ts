// The worker registry. Job-level calls find their worker through the attempt's lease id (unique, indexed).

const WORKER_OF_LEASE = `(SELECT worker FROM job_attempts WHERE lease_id = $1)`;

/** Heartbeat age after which a worker shows as stale, and as offline. */
export const STALE_AFTER_SECONDS = 15;
export const OFFLINE_AFTER_SECONDS = 60;

export const REGISTER_WORKER_SQL = `
INSERT INTO workers (id, tenant, name, host, pid, version, job_types, concurrency, labels)
VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8, $9::jsonb)`;

/** $1 worker, $2 active jobs (null: unchanged). A deregistered worker is not found. */
export const TOUCH_WORKER_SQL = `
UPDATE workers SET heartbeat_at = now(), active_jobs = coalesce($2::int, active_jobs)
WHERE id = $1 AND state <> 'offline'
RETURNING state, heartbeat_at`;

export const TOUCH_WORKER_BY_LEASE_SQL = `
UPDATE workers SET heartbeat_at = now() WHERE id = ${WORKER_OF_LEASE} AND state <> 'offline'`;

/** $1 lease, $2 1 when the attempt failed. */
export const COUNT_ATTEMPT_SQL = `
UPDATE workers SET processed = processed + 1, failed = failed + $2::int, heartbeat_at = now()
WHERE id = ${WORKER_OF_LEASE}`;

export const DEREGISTER_WORKER_SQL = `
UPDATE workers SET state = 'offline', active_jobs = 0, heartbeat_at = now() WHERE id = $1 RETURNING id`;

/** $1 worker, $2 'draining' or 'active'. */
export const SET_WORKER_STATE_SQL = `
UPDATE workers SET state = $2 WHERE id = $1 AND state <> 'offline' RETURNING id`;

export const LIST_WORKERS_SQL = `
SELECT *,
       CASE WHEN state = 'offline' THEN 'offline'
            WHEN heartbeat_at < now() - make_interval(secs => ${OFFLINE_AFTER_SECONDS}) THEN 'offline'
            WHEN heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS}) THEN 'stale'
            ELSE state END AS effective_state
FROM workers ORDER BY heartbeat_at DESC LIMIT $1`;

export const JOB_EXISTS_SQL = `SELECT 1 FROM jobs WHERE id = $1`;
