-- DAG dependencies between jobs. A child waits in `blocked` while `dag_pending` > 0. That counter holds how many
-- of its parents are unresolved: unfinished, or finished but not yet propagated by the resolver. A parent carries
-- `dag_children_pending` from the moment it gains a child until the resolver has applied its final state to its
-- children, exactly once per parent (the parent row is locked while it happens), so retries and duplicate wake-ups
-- can never count a parent twice.
CREATE TABLE job_edges (
  parent            uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  child             uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  on_parent_failure text NOT NULL DEFAULT 'skip' CHECK (on_parent_failure IN ('skip', 'run')),
  PRIMARY KEY (parent, child),
  CHECK (parent <> child)
);
CREATE INDEX job_edges_child ON job_edges (child);

ALTER TABLE jobs
  ADD COLUMN dag_pending integer NOT NULL DEFAULT 0 CHECK (dag_pending >= 0),
  ADD COLUMN dag_children_pending boolean NOT NULL DEFAULT false;

-- The resolver's work list: finished parents whose children have not yet been told.
CREATE INDEX jobs_dag_resolvable ON jobs (finished_at)
  WHERE dag_children_pending AND state IN ('succeeded', 'failed', 'canceled', 'skipped');

-- Wakes the resolver when such a parent finishes, whichever statement finished it (complete, fail, rescue, cancel,
-- skip); a trigger keeps those hot statements free of DAG work. PostgreSQL folds the duplicates of a transaction.
CREATE FUNCTION execops_dag_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('execops_dag', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER jobs_dag_parent_finished AFTER UPDATE OF state ON jobs FOR EACH ROW
  WHEN (NEW.dag_children_pending AND NEW.state IN ('succeeded', 'failed', 'canceled', 'skipped')
        AND OLD.state NOT IN ('succeeded', 'failed', 'canceled', 'skipped'))
  EXECUTE FUNCTION execops_dag_notify();
