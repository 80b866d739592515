-- Paused queues: their jobs stay where they are and are not claimed until the queue is resumed.
CREATE TABLE queue_pauses (
  tenant    text NOT NULL,
  queue     text NOT NULL,
  paused_at timestamptz NOT NULL DEFAULT now(),
  actor     text NOT NULL,
  reason    text NOT NULL,
  PRIMARY KEY (tenant, queue)
);

-- Same plan pinning as in 002; the pause check is one primary-key probe per candidate row.
CREATE OR REPLACE FUNCTION execops_claimable_jobs(job_types text[], max_jobs integer) RETURNS SETOF uuid
LANGUAGE sql VOLATILE
SET enable_bitmapscan = off
SET enable_seqscan = off
SET enable_sort = off
AS $$
  SELECT id FROM jobs
  WHERE state IN ('queued', 'scheduled') AND run_at <= now() AND job_type = ANY (job_types)
    AND NOT EXISTS (SELECT 1 FROM queue_pauses p WHERE p.tenant = jobs.tenant AND p.queue = jobs.queue)
  ORDER BY priority, run_at, id
  LIMIT max_jobs
  FOR UPDATE SKIP LOCKED
$$;
