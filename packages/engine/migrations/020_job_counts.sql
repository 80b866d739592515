-- Maintained job counts per (tenant, queue, state), so queue health and the overview never count the whole table.
-- Every statement on jobs appends its net change per group to job_count_deltas (insert-only: concurrent claims
-- never wait on a shared counter row); compaction folds deltas into job_counts. A count is job_counts + deltas.
CREATE TABLE job_counts (
  tenant text NOT NULL,
  queue  text NOT NULL,
  state  text NOT NULL,
  n      bigint NOT NULL,
  PRIMARY KEY (tenant, queue, state)
);

CREATE TABLE job_count_deltas (
  id     bigserial PRIMARY KEY,
  tenant text NOT NULL,
  queue  text NOT NULL,
  state  text NOT NULL,
  n      bigint NOT NULL
);

CREATE FUNCTION execops_count_inserted_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO job_count_deltas (tenant, queue, state, n)
  SELECT tenant, queue, state, count(*) FROM inserted_jobs GROUP BY tenant, queue, state;
  RETURN NULL;
END $$;

-- Transition tables cannot be combined with an UPDATE column list, so this runs for every update statement;
-- one that changes no state (heartbeat, progress) nets to zero and writes nothing.
CREATE FUNCTION execops_count_updated_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO job_count_deltas (tenant, queue, state, n)
  SELECT tenant, queue, state, sum(n)
  FROM (SELECT tenant, queue, state, 1 AS n FROM new_jobs UNION ALL SELECT tenant, queue, state, -1 FROM old_jobs) d
  GROUP BY tenant, queue, state HAVING sum(n) <> 0;
  RETURN NULL;
END $$;

CREATE FUNCTION execops_count_deleted_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO job_count_deltas (tenant, queue, state, n)
  SELECT tenant, queue, state, -count(*) FROM deleted_jobs GROUP BY tenant, queue, state;
  RETURN NULL;
END $$;

CREATE FUNCTION execops_count_truncated_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM job_count_deltas;
  DELETE FROM job_counts;
  RETURN NULL;
END $$;

CREATE TRIGGER jobs_count_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS inserted_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION execops_count_inserted_jobs();
CREATE TRIGGER jobs_count_update AFTER UPDATE ON jobs REFERENCING OLD TABLE AS old_jobs NEW TABLE AS new_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION execops_count_updated_jobs();
CREATE TRIGGER jobs_count_delete AFTER DELETE ON jobs REFERENCING OLD TABLE AS deleted_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION execops_count_deleted_jobs();
CREATE TRIGGER jobs_count_truncate AFTER TRUNCATE ON jobs
  FOR EACH STATEMENT EXECUTE FUNCTION execops_count_truncated_jobs();

-- The migration holds the triggers' lock on jobs until it commits, so no write slips between backfill and triggers.
INSERT INTO job_counts (tenant, queue, state, n) SELECT tenant, queue, state, count(*) FROM jobs GROUP BY tenant, queue, state;

-- A tenant's jobs per queue and state (non-zero groups only), read in one snapshot.
CREATE FUNCTION execops_job_counts(p_tenant text) RETURNS TABLE (queue text, state text, n integer)
LANGUAGE sql STABLE AS $$
  SELECT c.queue, c.state, sum(c.n)::int
  FROM (SELECT queue, state, n FROM job_counts WHERE tenant = p_tenant
        UNION ALL SELECT queue, state, n FROM job_count_deltas WHERE tenant = p_tenant) c
  GROUP BY c.queue, c.state HAVING sum(c.n) <> 0
$$;

-- Folds up to p_limit deltas into job_counts and returns how many it folded. SKIP LOCKED lets several server
-- processes compact at once, each delta moving exactly once; readers see the deltas or the rollup, never both.
CREATE FUNCTION execops_compact_job_counts(p_limit integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  folded integer;
BEGIN
  WITH moved AS (
    DELETE FROM job_count_deltas
    WHERE id IN (SELECT id FROM job_count_deltas ORDER BY id LIMIT p_limit FOR UPDATE SKIP LOCKED)
    RETURNING tenant, queue, state, n
  ), summed AS (
    SELECT tenant, queue, state, sum(n) AS n, count(*) AS deltas FROM moved GROUP BY tenant, queue, state
  ), folded_groups AS (
    INSERT INTO job_counts AS c (tenant, queue, state, n)
    SELECT tenant, queue, state, n FROM summed ORDER BY tenant, queue, state
    ON CONFLICT (tenant, queue, state) DO UPDATE SET n = c.n + excluded.n
  )
  SELECT coalesce(sum(deltas), 0) INTO folded FROM summed;
  RETURN folded;
END $$;

-- Fewer index writes per state change (issue 8). The finishedAt listing used two full indexes (one per direction,
-- for "nulls last" both ways), each written by every insert, claim and completion. Now one partial index over
-- finished jobs serves both directions (read backwards for desc) and is written once, at completion; unfinished
-- jobs (null finishedAt, listed last in both directions) have their own partial index, which completions leave alone.
DROP INDEX jobs_tenant_finished_at_id;
DROP INDEX jobs_tenant_finished_at_desc_id;
CREATE INDEX jobs_tenant_finished_at_id ON jobs (tenant, finished_at, id) WHERE finished_at IS NOT NULL;
CREATE INDEX jobs_tenant_unfinished_id ON jobs (tenant, id) WHERE finished_at IS NULL;
-- What the finishedAt listing relies on to read only the part a state filter can match (a filter of unfinished
-- states read every finished job's index entry before): a job has finishedAt exactly when its state is final.
ALTER TABLE jobs ADD CONSTRAINT jobs_finished_at_when_final
  CHECK ((finished_at IS NOT NULL) = (state IN ('succeeded', 'failed', 'canceled', 'skipped')));

-- The oldest waiting job per queue (queue health, overview) without reading every waiting row. Claims, completions
-- and the rest of a job's life leave this index alone: only rows entering a waiting state are written to it.
CREATE INDEX jobs_waiting_by_queue ON jobs (tenant, queue, run_at) WHERE state IN ('queued', 'scheduled', 'throttled');
