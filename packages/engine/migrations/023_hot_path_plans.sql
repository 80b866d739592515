-- Cheaper claims and completions (issue 8), measured with a perf profile of claim-and-complete rounds.

-- 1. The claim's ordered scan. As a SQL function with SET clauses it could not be inlined, so PostgreSQL parsed
-- and planned its query on every claim. PL/pgSQL keeps the plan for the session; the SET clauses still pin the
-- ordered index scan (002_claim_plan.sql says why). The body is 009's, unchanged.
CREATE OR REPLACE FUNCTION execops_claimable_jobs(job_types text[], max_jobs integer) RETURNS SETOF uuid
LANGUAGE plpgsql VOLATILE
SET enable_bitmapscan = off
SET enable_seqscan = off
SET enable_sort = off
AS $$
BEGIN
  RETURN QUERY
  SELECT id FROM jobs
  WHERE state IN ('queued', 'scheduled', 'throttled') AND run_at <= now() AND job_type = ANY (job_types)
    AND NOT EXISTS (SELECT 1 FROM queue_pauses p WHERE p.tenant = jobs.tenant AND p.queue = jobs.queue)
  ORDER BY priority, run_at, id
  LIMIT max_jobs
  FOR UPDATE SKIP LOCKED;
END $$;

-- 2. Freed quota slots. The row trigger of 010 called a PL/pgSQL function for every job leaving `running`, whether
-- or not any quota existed: a quarter of a completion batch's time. Once per statement, over the transition
-- tables the job-count trigger already captures, one join finds the freed slots that belong to a quota; without
-- quotas it finds none and does nothing else.
DROP TRIGGER jobs_quota_slot_freed ON jobs;
DROP FUNCTION execops_quota_slot_freed();

CREATE FUNCTION execops_quota_slots_freed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  freed record;
  next_id uuid;
  next_queue text;
BEGIN
  -- One release per freed slot and per quota it belonged to: the job type's own, and the tenant-wide '*'.
  FOR freed IN
    SELECT n.tenant, n.job_type, q.job_type AS scope
    FROM old_jobs o
    JOIN new_jobs n ON n.id = o.id
    JOIN quotas q ON q.tenant = n.tenant AND q.job_type IN (n.job_type, '*') AND q.max_active IS NOT NULL
    WHERE o.state = 'running' AND n.state <> 'running'
  LOOP
    SELECT id INTO next_id FROM jobs
    WHERE tenant = freed.tenant AND state = 'throttled' AND run_at > now()
      AND (freed.scope = '*' OR job_type = freed.job_type)
    ORDER BY priority, run_at, id
    LIMIT 1
    FOR UPDATE SKIP LOCKED;
    CONTINUE WHEN next_id IS NULL;
    UPDATE jobs SET state = 'queued', run_at = now() WHERE id = next_id RETURNING queue INTO next_queue;
    INSERT INTO events (tenant, topic, type, subject_id, data)
    VALUES (freed.tenant, 'jobs', 'job.unthrottled', next_id::text,
            jsonb_build_object('reason', 'a quota slot freed', 'quota', freed.scope));
    PERFORM pg_notify('execops_jobs', next_queue);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER jobs_quota_slots_freed AFTER UPDATE ON jobs REFERENCING OLD TABLE AS old_jobs NEW TABLE AS new_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION execops_quota_slots_freed();
