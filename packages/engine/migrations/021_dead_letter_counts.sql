-- Issue 8: dead-letter stats, the overview's dead-letter card and queue health's active workers without reading
-- every entry or every running job.

-- One compaction for every maintained count (020's job counts, the dead-letter counts below): folds up to p_limit
-- deltas of p_deltas into p_counts, whose key is p_keys, and returns how many it folded. SKIP LOCKED lets several
-- server processes compact at once, each delta moving exactly once; readers see the deltas or the rollup, never both.
CREATE FUNCTION execops_compact_counts(p_counts regclass, p_deltas regclass, p_keys text[], p_limit integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  keys text := (SELECT string_agg(quote_ident(k), ', ') FROM unnest(p_keys) k);
  folded integer;
BEGIN
  EXECUTE format($sql$
    WITH moved AS (
      DELETE FROM %2$s WHERE id IN (SELECT id FROM %2$s ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING %3$s, n
    ), summed AS (
      SELECT %3$s, sum(n) AS n, count(*) AS deltas FROM moved GROUP BY %3$s
    ), folded_groups AS (
      INSERT INTO %1$s AS c (%3$s, n) SELECT %3$s, n FROM summed ORDER BY %3$s
      ON CONFLICT (%3$s) DO UPDATE SET n = c.n + excluded.n
    )
    SELECT coalesce(sum(deltas), 0) FROM summed $sql$, p_counts, p_deltas, keys)
  INTO folded USING p_limit;
  RETURN folded;
END $$;

CREATE OR REPLACE FUNCTION execops_compact_job_counts(p_limit integer) RETURNS integer LANGUAGE sql AS $$
  SELECT execops_compact_counts('job_counts', 'job_count_deltas', ARRAY['tenant', 'queue', 'state'], p_limit)
$$;

-- Maintained dead-letter counts per (tenant, status, job type, cluster, retryable), the 020 way: every statement on
-- dead_letter appends its net change per group to the insert-only dead_letter_count_deltas; compaction folds them
-- into dead_letter_counts. A count is dead_letter_counts + deltas.
CREATE TABLE dead_letter_counts (
  tenant      text NOT NULL,
  status      text NOT NULL,
  job_type    text NOT NULL,
  cluster_key text NOT NULL,
  retryable   boolean NOT NULL,
  n           bigint NOT NULL,
  PRIMARY KEY (tenant, status, job_type, cluster_key, retryable)
);

CREATE TABLE dead_letter_count_deltas (
  id          bigserial PRIMARY KEY,
  tenant      text NOT NULL,
  status      text NOT NULL,
  job_type    text NOT NULL,
  cluster_key text NOT NULL,
  retryable   boolean NOT NULL,
  n           bigint NOT NULL
);

-- The net change of one statement per group of the key columns TG_ARGV[1], appended to the deltas table TG_ARGV[0]; a
-- TRUNCATE also empties the rollup TG_ARGV[2]. The transition tables must be named new_rows and old_rows. 020's job
-- count triggers keep their static statements: they run on every claim and completion, where planning the dynamic
-- statement would cost each one; dead-letter entries change only on failures and operator actions.
CREATE FUNCTION execops_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas text := quote_ident(TG_ARGV[0]);
  keys text := TG_ARGV[1];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    EXECUTE format('DELETE FROM %s', deltas);
    EXECUTE format('DELETE FROM %I', TG_ARGV[2]);
    RETURN NULL;
  END IF;
  EXECUTE format('INSERT INTO %1$s (%2$s, n) SELECT %2$s, sum(n) FROM (%3$s) d GROUP BY %2$s HAVING sum(n) <> 0', deltas, keys,
    CASE TG_OP
      WHEN 'INSERT' THEN format('SELECT %s, 1 AS n FROM new_rows', keys)
      WHEN 'DELETE' THEN format('SELECT %s, -1 AS n FROM old_rows', keys)
      ELSE format('SELECT %1$s, 1 AS n FROM new_rows UNION ALL SELECT %1$s, -1 FROM old_rows', keys)
    END);
  RETURN NULL;
END $$;

-- Updates run it for every statement (transition tables rule out a column list); one that changes no status nets to zero.
CREATE TRIGGER dead_letter_count_insert AFTER INSERT ON dead_letter REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION execops_count_changes('dead_letter_count_deltas', 'tenant, status, job_type, cluster_key, retryable');
CREATE TRIGGER dead_letter_count_update AFTER UPDATE ON dead_letter REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION execops_count_changes('dead_letter_count_deltas', 'tenant, status, job_type, cluster_key, retryable');
CREATE TRIGGER dead_letter_count_delete AFTER DELETE ON dead_letter REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION execops_count_changes('dead_letter_count_deltas', 'tenant, status, job_type, cluster_key, retryable');
CREATE TRIGGER dead_letter_count_truncate AFTER TRUNCATE ON dead_letter FOR EACH STATEMENT
  EXECUTE FUNCTION execops_count_changes('dead_letter_count_deltas', '', 'dead_letter_counts');

-- The migration holds the triggers' lock on dead_letter until it commits, so no write slips between backfill and triggers.
INSERT INTO dead_letter_counts (tenant, status, job_type, cluster_key, retryable, n)
SELECT tenant, status, job_type, cluster_key, retryable, count(*) FROM dead_letter
GROUP BY tenant, status, job_type, cluster_key, retryable;

-- A tenant's entries per status, job type, cluster and retryable (non-zero groups only), read in one snapshot.
CREATE FUNCTION execops_dead_letter_counts(p_tenant text)
RETURNS TABLE (status text, job_type text, cluster_key text, retryable boolean, n integer) LANGUAGE sql STABLE AS $$
  SELECT c.status, c.job_type, c.cluster_key, c.retryable, sum(c.n)::int
  FROM (SELECT status, job_type, cluster_key, retryable, n FROM dead_letter_counts WHERE tenant = p_tenant
        UNION ALL SELECT status, job_type, cluster_key, retryable, n FROM dead_letter_count_deltas WHERE tenant = p_tenant) c
  GROUP BY c.status, c.job_type, c.cluster_key, c.retryable HAVING sum(c.n) <> 0
$$;

CREATE FUNCTION execops_compact_dead_letter_counts(p_limit integer) RETURNS integer LANGUAGE sql AS $$
  SELECT execops_compact_counts('dead_letter_counts', 'dead_letter_count_deltas',
                                ARRAY['tenant', 'status', 'job_type', 'cluster_key', 'retryable'], p_limit)
$$;

-- Counts now come from the rollup; what stats still read from the entries is each top cluster's first and last
-- open entry (the newest with its error): two probes of this index per cluster instead of aggregating them all.
DROP INDEX dead_letter_open;
CREATE INDEX dead_letter_open ON dead_letter (tenant, cluster_key, dead_lettered_at DESC, id DESC) WHERE status = 'open';

-- Queue health's active workers per queue (distinct lease owners of running jobs) by a skip scan: one probe per
-- (queue, worker) instead of reading every running job. Written when a job starts running (claim) and by heartbeats.
CREATE INDEX jobs_running_owners ON jobs (tenant, queue, lease_owner) WHERE state = 'running';
