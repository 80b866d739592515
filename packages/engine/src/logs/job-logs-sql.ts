// Log lines and artifacts are written only while the caller holds the job's lease. `FOR SHARE` makes the
// lease check wait for a concurrent completion or rescue and see its outcome, so nothing lands after it.

const HELD_LEASE = `SELECT id, tenant, attempt FROM jobs WHERE id = $1 AND lease_id = $2 AND state = 'running' FOR SHARE`;

/** $1 job, $2 lease, $3 ts (null: now), $4 levels, $5 messages, $6 fields as JSON text (null: none), in order. */
export const APPEND_LOGS_SQL = `
WITH lease AS (${HELD_LEASE}),
inserted AS (
  INSERT INTO job_logs (job_id, attempt, ts, level, message, fields)
  SELECT l.id, l.attempt, coalesce(t.ts, now()), t.level, t.message, t.fields::jsonb
  FROM lease l, unnest($3::timestamptz[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS t(ts, level, message, fields, ord)
  ORDER BY t.ord
  RETURNING id
), logged AS (
  -- One event per call (not per line) lets live views know to fetch the tail.
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT l.tenant, 'jobs', 'job.logged', l.id::text,
         jsonb_build_object('attempt', l.attempt, 'lines', (SELECT count(*) FROM inserted), 'lastId', (SELECT max(id) FROM inserted))
  FROM lease l
)
SELECT (SELECT count(*) FROM lease)::int AS held, count(i.id)::int AS appended, coalesce(max(i.id), 0) AS last_id FROM inserted i`;

/** $1 job, $2 lease, $3 name, $4 uri, $5 digest, $6 size, $7 mime. A name added again replaces the earlier one. */
export const ADD_ARTIFACT_SQL = `
WITH lease AS (${HELD_LEASE}),
upserted AS (
  INSERT INTO job_artifacts (job_id, name, uri, digest, size, mime, attempt)
  SELECT id, $3, $4, $5, $6, $7, attempt FROM lease
  ON CONFLICT (job_id, name) DO UPDATE
    SET uri = excluded.uri, digest = excluded.digest, size = excluded.size, mime = excluded.mime,
        attempt = excluded.attempt, created_at = now()
  RETURNING *
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT l.tenant, 'jobs', 'job.artifact_added', l.id::text, jsonb_build_object('attempt', l.attempt, 'name', $3::text)
  FROM lease l
)
SELECT * FROM upserted`;

// The reads return no row for a job outside the tenant, and one row with null columns for a job without any.

/** $1 tenant, $2 job, $3 after id, $4 limit. */
export const LIST_LOGS_SQL = `
SELECT l.* FROM jobs j
LEFT JOIN LATERAL (SELECT * FROM job_logs WHERE job_id = j.id AND id > $3 ORDER BY id LIMIT $4) l ON true
WHERE j.tenant = $1 AND j.id = $2
ORDER BY l.id`;

/** $1 tenant, $2 job. */
export const LIST_ARTIFACTS_SQL = `
SELECT a.* FROM jobs j
LEFT JOIN job_artifacts a ON a.job_id = j.id
WHERE j.tenant = $1 AND j.id = $2
ORDER BY a.created_at, a.name`;
