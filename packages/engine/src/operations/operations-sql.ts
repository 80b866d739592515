import { JOBS_CHANNEL } from '../store/job-sql.ts';

export const UNFINISHED_WAITING = `('blocked', 'queued', 'scheduled', 'throttled')`;
export const FINISHED = `('succeeded', 'failed', 'canceled', 'skipped')`;

/** $1 tenant, $2 replayed job, $3 new id, $4 priority or null (default: original − 100). */
export const REPLAY_SQL = `
WITH source AS (
  SELECT * FROM jobs WHERE tenant = $1 AND id = $2 FOR SHARE
), inserted AS (
  INSERT INTO jobs (id, tenant, job_type, queue, payload, payload_digest, priority, max_attempts, run_at, state,
                    correlation_id, run_id, replay_of, tags, timeout_seconds)
  SELECT $3, tenant, job_type, queue, payload, payload_digest, coalesce($4::int, greatest(priority - 100, -1000)),
         max_attempts, now(), 'queued', correlation_id, run_id, id, tags, timeout_seconds
  FROM source WHERE state IN ${FINISHED}
  RETURNING *
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT tenant, 'jobs', 'job.enqueued', id::text,
         jsonb_build_object('jobType', job_type, 'queue', queue, 'state', state, 'replayOf', replay_of)
  FROM inserted
), woke AS (
  SELECT count(*) AS n FROM (SELECT pg_notify('${JOBS_CHANNEL}', queue) FROM inserted) w
)
SELECT s.state AS prior_state, i.* FROM source s LEFT JOIN (SELECT inserted.* FROM inserted, woke) i ON true`;

/** $1 tenant, $2 job, $3 new priority. Only jobs still waiting to run can change priority. */
export const CHANGE_PRIORITY_SQL = `
WITH target AS (
  SELECT id, state, priority FROM jobs WHERE tenant = $1 AND id = $2 FOR UPDATE
), updated AS (
  UPDATE jobs j SET priority = $3
  FROM target t WHERE j.id = t.id AND t.state IN ${UNFINISHED_WAITING}
  RETURNING j.*
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT u.tenant, 'jobs', 'job.priority_changed', u.id::text, jsonb_build_object('from', t.priority, 'to', u.priority)
  FROM updated u JOIN target t ON t.id = u.id
)
SELECT t.state AS prior_state, t.priority AS prior_priority, updated.* FROM target t LEFT JOIN updated ON updated.id = t.id`;

/** Current states of the given jobs of a tenant (missing ids are absent). */
export const JOB_STATES_SQL = `SELECT id, state FROM jobs WHERE tenant = $1 AND id = ANY($2::uuid[])`;
