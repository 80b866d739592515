// The engine's hot statements. Each state change and its `events` row (and `job_attempts` row) are one
// statement, so they commit together; wake-ups are `pg_notify` calls in the same statement, delivered on commit.

import { CLAIM_ROW_COLUMNS, JOB_ROW_COLUMNS } from './job-rows.ts';

export const JOBS_CHANNEL = 'execops_jobs';

/**
 * A statement each pooled connection parses once and keeps (node-postgres prepares it under this name on first
 * use): the hot path skips parsing and analysis on every call, about a tenth of a claim-and-complete round. It
 * names its result columns, never `*`: PostgreSQL refuses to run a prepared statement whose result type changed,
 * so a column added by a newer server's migration would break this process's statement until it reconnects.
 */
export interface NamedStatement {
  name: string;
  text: string;
}

const named = (name: string, text: string): NamedStatement => ({ name: `execops.${name}`, text });

const FINISHED = `('succeeded', 'failed', 'canceled', 'skipped')`;

/** Wakes listeners once per distinct queue among `source`'s rows (PostgreSQL folds duplicates per transaction). */
export const notifyQueues = (source: string, where = 'true') =>
  `woke AS (SELECT count(*) AS n FROM (SELECT pg_notify('${JOBS_CHANNEL}', queue) FROM (SELECT DISTINCT queue FROM ${source} WHERE ${where}) q) w)`;

export const ENQUEUE_STATEMENT = named('enqueue', `
WITH input AS (
  SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[],
                       $9::timestamptz[], $10::text[], $11::text[], $12::text[], $13::int[], $14::boolean[])
    WITH ORDINALITY AS t(id, job_type, queue, payload, digest, priority, max_attempts, run_at, idempotency_key,
                         correlation_id, tags, timeout_seconds, blocked, ord)
), inserted AS (
  INSERT INTO jobs (id, tenant, job_type, queue, payload, payload_digest, priority, max_attempts, run_at, state,
                    idempotency_key, correlation_id, tags, timeout_seconds)
  SELECT id, $1, job_type, queue, payload::jsonb, digest, priority, max_attempts, coalesce(run_at, now()),
         CASE WHEN blocked THEN 'blocked' WHEN run_at > now() THEN 'scheduled' ELSE 'queued' END,
         idempotency_key, correlation_id, ARRAY(SELECT jsonb_array_elements_text(tags::jsonb)), timeout_seconds
  FROM input ORDER BY ord
  ON CONFLICT (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL AND state NOT IN ${FINISHED} DO NOTHING
  RETURNING ${JOB_ROW_COLUMNS.join(', ')}
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT tenant, 'jobs', 'job.enqueued', id::text, jsonb_build_object('jobType', job_type, 'queue', queue, 'state', state)
  FROM inserted
), ${notifyQueues('inserted', `state = 'queued'`)}
SELECT inserted.* FROM inserted, woke`);

export const FIND_UNFINISHED_BY_KEYS_SQL = `
SELECT * FROM jobs WHERE tenant = $1 AND idempotency_key = ANY($2::text[]) AND state NOT IN ${FINISHED}`;

/** What a claim hands the worker (ClaimRow), plus the claim order. */
export const CLAIMED_COLUMNS = [...CLAIM_ROW_COLUMNS, 'priority', 'run_at'].map((column) => `j.${column}`).join(', ');

export const CLAIM_STATEMENT = named('claim', `
-- The ids go through an array so the update finds them by primary key, whatever the row estimates. When a quota
-- covers any of the types this claims nothing, and PgStore.claim takes the quota path (quotas/quota-sql.ts).
-- A claim commits without waiting for its WAL flush (synchronous_commit off for this transaction only): if the
-- database crashes before the flush, the claim is undone and the job is queued again, which at-least-once
-- delivery allows (as a worker crash does). Enqueues and outcomes still wait, so nothing accepted or finished is
-- lost; an outcome's flush covers the claim before it. This takes one disk flush off enqueue → start.
WITH claimed AS (
  UPDATE jobs j
  SET state = 'running', attempt = j.attempt + 1, lease_id = gen_random_uuid(), lease_owner = $1,
      lease_until = now() + make_interval(secs => $4), heartbeat_at = now(),
      started_at = coalesce(j.started_at, now()), progress_percent = NULL, progress_message = NULL
  WHERE j.id = ANY (ARRAY(
    SELECT execops_claimable_jobs($2::text[], $3::int)
    WHERE NOT EXISTS (SELECT 1 FROM quotas q WHERE q.job_type = ANY ($2::text[]) OR q.job_type = '*')))
  RETURNING ${CLAIMED_COLUMNS}
), attempts AS (
  INSERT INTO job_attempts (job_id, attempt, lease_id, worker) SELECT id, attempt, lease_id, $1 FROM claimed
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT tenant, 'jobs', 'job.started', id::text, jsonb_build_object('attempt', attempt, 'worker', $1::text) FROM claimed
)
SELECT claimed.* FROM claimed, (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush_wait
ORDER BY priority, run_at, id`);

export const HEARTBEAT_STATEMENT = named('heartbeat', `
UPDATE jobs
SET lease_until = now() + make_interval(secs => $3), heartbeat_at = now(),
    progress_percent = CASE WHEN $4::boolean THEN $5::real ELSE progress_percent END,
    progress_message = CASE WHEN $4::boolean THEN $6::text ELSE progress_message END
WHERE id = $1 AND lease_id = $2 AND state = 'running'
RETURNING lease_until, cancel_requested_at`);

/** $1 job ids, $2 lease ids, $3 results as JSON text, in matching order. Returns the jobs it completed. */
export const COMPLETE_STATEMENT = named('complete', `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(id, lease_id, result) ORDER BY id
), done AS (
  UPDATE jobs j SET state = 'succeeded', result = i.result::jsonb, finished_at = now(),
                    lease_id = NULL, lease_owner = NULL, lease_until = NULL
  FROM input i
  -- \`id = ANY\` steers the planner to the primary key instead of scanning every running job.
  WHERE j.id = ANY ($1::uuid[]) AND j.id = i.id AND j.lease_id = i.lease_id AND j.state = 'running'
  RETURNING j.id, j.tenant, j.attempt, i.lease_id
), attempt_ended AS (
  UPDATE job_attempts a SET ended_at = now(), outcome = 'succeeded' FROM done d WHERE a.lease_id = d.lease_id
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT tenant, 'jobs', 'job.succeeded', id::text, jsonb_build_object('attempt', attempt) FROM done
)
SELECT id FROM done`);

/**
 * $1 job, $2 lease, $3 error, $4 attempt outcome, $5 retryable, $6 backoff base seconds, $7 backoff cap seconds.
 * Retries while attempts remain, the error is retryable and nobody asked to cancel; the delay is
 * min(cap, base·2^(attempt−1)) with equal jitter (half fixed, half random).
 */
export const FAIL_STATEMENT = named('fail', `
WITH target AS (
  SELECT id,
         (NOT $5::boolean OR $4::text = 'canceled' OR cancel_requested_at IS NOT NULL OR attempt >= max_attempts) AS terminal,
         ($4::text = 'canceled' OR cancel_requested_at IS NOT NULL) AS canceled,
         least($7::float8, $6::float8 * power(2, attempt - 1)) AS delay
  FROM jobs WHERE id = $1 AND lease_id = $2 AND state = 'running'
  FOR UPDATE
), updated AS (
  UPDATE jobs j
  SET state = CASE WHEN NOT t.terminal THEN 'scheduled' WHEN t.canceled THEN 'canceled' ELSE 'failed' END,
      run_at = CASE WHEN t.terminal THEN j.run_at ELSE now() + make_interval(secs => t.delay * (0.5 + random() / 2)) END,
      finished_at = CASE WHEN t.terminal THEN now() END,
      last_error = $3::jsonb, lease_id = NULL, lease_owner = NULL, lease_until = NULL
  FROM target t WHERE j.id = t.id
  RETURNING j.id, j.tenant, j.state, j.run_at, j.attempt
), attempt_ended AS (
  UPDATE job_attempts SET ended_at = now(), outcome = $4, error = $3::jsonb
  WHERE lease_id = $2 AND EXISTS (SELECT 1 FROM updated)
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT tenant, 'jobs',
         CASE state WHEN 'scheduled' THEN 'job.retry_scheduled' WHEN 'canceled' THEN 'job.canceled' ELSE 'job.failed' END,
         id::text, jsonb_build_object('attempt', attempt, 'outcome', $4::text, 'code', $3::jsonb->>'code', 'retryAt', run_at)
  FROM updated
)
SELECT state, run_at FROM updated`);

/** $1 limit, $2 the error recorded on the job. Expired leases go back to `queued` while attempts remain. */
export const RESCUE_STATEMENT = named('rescue', `
WITH expired AS (
  SELECT id, lease_id FROM jobs WHERE state = 'running' AND lease_until < now()
  ORDER BY lease_until LIMIT $1
  FOR UPDATE SKIP LOCKED
), updated AS (
  UPDATE jobs j
  SET state = CASE WHEN j.cancel_requested_at IS NOT NULL THEN 'canceled'
                   WHEN j.attempt >= j.max_attempts THEN 'failed' ELSE 'queued' END,
      finished_at = CASE WHEN j.cancel_requested_at IS NOT NULL OR j.attempt >= j.max_attempts THEN now() END,
      run_at = now(), last_error = $2::jsonb, lease_id = NULL, lease_owner = NULL, lease_until = NULL
  FROM expired e WHERE j.id = e.id
  RETURNING j.id, j.tenant, j.queue, j.state, j.attempt
), attempt_ended AS (
  UPDATE job_attempts a SET ended_at = now(), outcome = 'lease_expired', error = $2::jsonb
  FROM expired e WHERE a.lease_id = e.lease_id
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT tenant, 'jobs', CASE state WHEN 'queued' THEN 'job.lease_expired' WHEN 'canceled' THEN 'job.canceled' ELSE 'job.failed' END,
         id::text, jsonb_build_object('attempt', attempt, 'outcome', 'lease_expired')
  FROM updated
), ${notifyQueues('updated', `state = 'queued'`)}
SELECT state, count(*)::int AS n FROM updated, woke GROUP BY state`);

/** Waiting jobs are canceled at once; a running job gets `cancel_requested_at` and stops on its next heartbeat. */
export const CANCEL_SQL = `
WITH target AS (
  SELECT id, state FROM jobs WHERE tenant = $1 AND id = $2 FOR UPDATE
), updated AS (
  UPDATE jobs j
  SET state = CASE WHEN c.state = 'running' THEN 'running' ELSE 'canceled' END,
      finished_at = CASE WHEN c.state = 'running' THEN NULL ELSE now() END,
      cancel_requested_at = coalesce(j.cancel_requested_at, now())
  FROM target c
  WHERE j.id = c.id AND c.state IN ('blocked', 'queued', 'scheduled', 'throttled', 'running')
  RETURNING j.*
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT tenant, 'jobs', CASE state WHEN 'running' THEN 'job.cancel_requested' ELSE 'job.canceled' END, id::text,
         jsonb_strip_nulls(jsonb_build_object('reason', $3::text))
  FROM updated
)
SELECT c.state AS prior_state, updated.* FROM target c LEFT JOIN updated ON updated.id = c.id`;

export const GET_JOB_SQL = `SELECT * FROM jobs WHERE tenant = $1 AND id = $2`;
export const GET_ATTEMPTS_SQL = `SELECT * FROM job_attempts WHERE job_id = $1 ORDER BY attempt`;

export const PRUNE_JOBS_SQL = `
WITH doomed AS (
  SELECT id FROM jobs WHERE finished_at < $1 ORDER BY finished_at LIMIT $2 FOR UPDATE SKIP LOCKED
)
DELETE FROM jobs j USING doomed d WHERE j.id = d.id`;

export const PRUNE_EVENTS_SQL = `
DELETE FROM events WHERE id IN (SELECT id FROM events WHERE ts < $1 ORDER BY id LIMIT $2)`;
