// Scheduler statements. Run state is derived from the run's jobs whenever a run is read; a failed job that was
// retried into the same run (a replay with `replay_of`) counts as its replay.

/** The finished job states as an SQL list. */
export const FINISHED = `('succeeded', 'failed', 'canceled', 'skipped')`;

export const INSERT_SCHEDULE_SQL = `
INSERT INTO schedules (id, tenant, name, description, cron, timezone, enabled, target, misfire_policy, max_catch_up,
                       overlap_policy, next_fire_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12)
ON CONFLICT (tenant, name) DO NOTHING
RETURNING *`;

export const LOCK_SCHEDULE_SQL = `SELECT * FROM schedules WHERE tenant = $1 AND id = $2 FOR UPDATE`;
export const GET_SCHEDULE_SQL = `SELECT * FROM schedules WHERE tenant = $1 AND id = $2`;
export const DELETE_SCHEDULE_SQL = `DELETE FROM schedules WHERE tenant = $1 AND id = $2 RETURNING *`;
export const NAME_TAKEN_SQL = `SELECT 1 FROM schedules WHERE tenant = $1 AND name = $2 AND id <> $3`;

export const UPDATE_SCHEDULE_SQL = `
UPDATE schedules SET name = $3, description = $4, cron = $5, timezone = $6, enabled = $7, paused = $8, target = $9::jsonb,
       misfire_policy = $10, max_catch_up = $11, overlap_policy = $12, next_fire_at = $13, updated_at = now()
WHERE tenant = $1 AND id = $2
RETURNING *`;

/** Due schedules of every tenant, most overdue first; the leader fires each in its own transaction. */
export const DUE_SCHEDULES_SQL = `
SELECT id FROM schedules WHERE enabled AND NOT paused AND next_fire_at <= now() ORDER BY next_fire_at LIMIT $1`;

/** Locks one due schedule for firing; another firer holding it is skipped, not waited for. */
export const LOCK_DUE_SCHEDULE_SQL = `
SELECT *, now() AS db_now FROM schedules WHERE id = $1 AND enabled AND NOT paused AND next_fire_at <= now()
FOR UPDATE SKIP LOCKED`;

export const ADVANCE_SCHEDULE_SQL = `
UPDATE schedules SET next_fire_at = $2, last_fire_at = coalesce($3, last_fire_at) WHERE id = $1`;

/** $1 run id, $2 tenant, $3 schedule, $4 trigger, $5 fire slot, $6 correlation id. Nothing when the slot has a run. */
export const INSERT_RUN_SQL = `
INSERT INTO runs (id, tenant, schedule_id, schedule_name, trigger, fire_at, correlation_id)
SELECT $1, $2, $3, (SELECT name FROM schedules WHERE id = $3), $4, $5, $6
ON CONFLICT (schedule_id, fire_at) WHERE schedule_id IS NOT NULL DO NOTHING
RETURNING id`;

/** Unfinished jobs of the schedule's runs, for the overlap policy. */
export const UNFINISHED_SCHEDULE_JOBS_SQL = `
SELECT j.id, j.run_id FROM runs r JOIN jobs j ON j.run_id = r.id
WHERE r.schedule_id = $1 AND j.state NOT IN ${FINISHED}
ORDER BY j.id`;

export const RUN_JOBS_IN_STATE_SQL = `
SELECT j.id FROM jobs j
WHERE j.tenant = $1 AND j.run_id = $2 AND j.state = ANY ($3::text[])
  AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.run_id = j.run_id AND r.replay_of = j.id)
ORDER BY j.id`;

export const INSERT_EVENT_SQL = `INSERT INTO events (tenant, topic, type, subject_id, data) VALUES ($1, $2, $3, $4, $5::jsonb)`;

/**
 * Runs with their derived state and counts. `where` filters `runs r`; `outer` filters the derived columns.
 * The caller appends ORDER BY / LIMIT.
 */
export const runsSelect = (where: string, outer = 'true') => `
SELECT * FROM (
  SELECT r.*, c.counts, c.total, c.processed, c.started_at, c.finished_at,
         CASE
           WHEN c.total = 0 THEN 'planning'
           WHEN c.processed < c.total THEN CASE WHEN c.begun THEN 'running' ELSE 'queued' END
           WHEN c.failed > 0 THEN 'error'
           WHEN c.canceled > 0 THEN 'cancelled'
           ELSE 'completed'
         END AS state
  FROM runs r
  CROSS JOIN LATERAL (
    SELECT coalesce(jsonb_object_agg(s.state, s.n) FILTER (WHERE s.state IS NOT NULL), '{}'::jsonb) AS counts,
           coalesce(sum(s.n), 0)::int AS total,
           coalesce(sum(s.n) FILTER (WHERE s.state IN ${FINISHED}), 0)::int AS processed,
           coalesce(sum(s.n) FILTER (WHERE s.state = 'failed'), 0)::int AS failed,
           coalesce(sum(s.n) FILTER (WHERE s.state = 'canceled'), 0)::int AS canceled,
           bool_or(s.begun) AS begun,
           min(s.started_at) AS started_at,
           CASE WHEN bool_and(s.state IN ${FINISHED}) THEN max(s.finished_at) END AS finished_at
    FROM (
      SELECT j.state, count(*) AS n, bool_or(j.started_at IS NOT NULL OR j.state IN ${FINISHED}) AS begun,
             min(j.started_at) AS started_at, max(j.finished_at) AS finished_at
      FROM jobs j
      WHERE j.run_id = r.id AND NOT EXISTS (SELECT 1 FROM jobs x WHERE x.run_id = j.run_id AND x.replay_of = j.id)
      GROUP BY j.state
    ) s
  ) c
  WHERE ${where}
) runs_with_state
WHERE ${outer}`;
