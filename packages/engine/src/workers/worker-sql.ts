// The worker registry. Job-level calls find their worker through the attempt's lease id (unique, indexed).
import { JOBS_CHANNEL } from '../store/job-sql.ts';
import { WORKER_OFFLINE_AFTER_SECONDS, WORKER_STALE_AFTER_SECONDS } from '@execops/contract';

const WORKER_OF_LEASE = `(SELECT worker FROM job_attempts WHERE lease_id = $1)`;

/** Notification payload on the jobs channel telling a worker its state changed. */
export const WORKER_WAKE_PREFIX = 'worker:';

const HEARTBEAT_AGE_MS = `greatest(0, extract(epoch FROM now() - heartbeat_at) * 1000)::float8`;

const FRESH = `heartbeat_at >= now() - make_interval(secs => ${WORKER_STALE_AFTER_SECONDS})`;

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

/** $1 worker, $2 active jobs, $3/$4 attempts finished/failed since the last report (in-process workers count themselves). */
export const REPORT_WORKER_SQL = `
UPDATE workers SET heartbeat_at = now(), active_jobs = $2, processed = processed + $3, failed = failed + $4
WHERE id = $1 AND state <> 'offline'
RETURNING state`;

export const WORKER_STATE_SQL = `SELECT state FROM workers WHERE id = $1`;

/** $1 lease, $2 1 when the attempt failed. */
export const COUNT_ATTEMPT_SQL = `
UPDATE workers SET processed = processed + 1, failed = failed + $2::int, heartbeat_at = now()
WHERE id = ${WORKER_OF_LEASE}`;

export const DEREGISTER_WORKER_SQL = `
UPDATE workers SET state = 'offline', active_jobs = 0, heartbeat_at = now() WHERE id = $1 RETURNING id`;

/** $1 worker, $2 'draining' or 'active'. */
export const SET_WORKER_STATE_SQL = `
UPDATE workers SET state = $2 WHERE id = $1 AND state <> 'offline' RETURNING id`;

/** Running jobs per worker, from the leases themselves rather than what the worker last reported. */
const LEASED_JOBS = `(SELECT count(*)::int FROM jobs WHERE state = 'running' AND lease_owner = workers.id)`;

const DERIVED_WORKERS = `(
SELECT workers.*,
       ${HEARTBEAT_AGE_MS} AS heartbeat_age_ms,
       coalesce(leased.n, 0) AS leased_jobs,
       CASE WHEN state = 'offline' THEN 'offline'
            WHEN heartbeat_at < now() - make_interval(secs => ${WORKER_OFFLINE_AFTER_SECONDS}) THEN 'offline'
            WHEN NOT ${FRESH} THEN 'stale'
            ELSE state END AS effective_state
FROM workers
LEFT JOIN (SELECT lease_owner, count(*)::int AS n FROM jobs WHERE state = 'running' GROUP BY lease_owner) leased
  ON leased.lease_owner = workers.id) w`;

/** $1 limit, $2 state, $3 job type, $4 part of name, host or id (each null: any). */
export const LIST_WORKERS_SQL = `
SELECT * FROM ${DERIVED_WORKERS}
WHERE ($2::text IS NULL OR effective_state = $2)
  AND ($3::text IS NULL OR $3 = ANY (job_types))
  AND ($4::text IS NULL OR strpos(lower(name || ' ' || host || ' ' || id), lower($4)) > 0)
ORDER BY heartbeat_at DESC LIMIT $1`;

export const COUNT_WORKERS_SQL = `SELECT effective_state, count(*)::int AS n FROM ${DERIVED_WORKERS} GROUP BY effective_state`;

export const GET_WORKER_SQL = `SELECT * FROM ${DERIVED_WORKERS} WHERE id = $1`;

export const WORKER_ACTIVE_JOBS_SQL = `
SELECT id, tenant, job_type, queue, attempt, started_at FROM jobs
WHERE state = 'running' AND lease_owner = $1 ORDER BY started_at, id LIMIT 1000`;

/**
 * $1 worker, $2 from state, $3 to state, $4 event tenant, $5 event type. Only a worker heartbeating recently
 * changes: a stale or offline one would never learn of it. The notification (payload `worker:<id>`) tells
 * in-process runtimes at once and wakes long-polling leases.
 */
export const CHANGE_WORKER_STATE_SQL = `
WITH changed AS (
  UPDATE workers SET state = $3 WHERE id = $1 AND state = $2 AND ${FRESH} RETURNING *, ${LEASED_JOBS} AS leased_jobs
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT $4, 'workers', $5, id, jsonb_build_object('from', $2::text, 'to', $3::text, 'name', name) FROM changed
), woke AS (
  SELECT pg_notify('${JOBS_CHANNEL}', '${WORKER_WAKE_PREFIX}' || id) FROM changed
)
SELECT changed.*, changed.state AS effective_state, ${HEARTBEAT_AGE_MS} AS heartbeat_age_ms FROM changed, (SELECT count(*) FROM woke) w`;

export const JOB_EXISTS_SQL = `SELECT 1 FROM jobs WHERE id = $1`;
