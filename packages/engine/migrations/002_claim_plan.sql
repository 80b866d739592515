-- The claim must walk jobs_claimable in (priority, run_at, id) order and stop after the limit. Without
-- statistics (a table freshly bulk-loaded, before autovacuum's first ANALYZE) the planner guesses a handful of
-- runnable rows and prefers a bitmap scan plus a sort of every runnable job: about 150 times slower with 20,000
-- queued (25 ms against 0.17 ms per claim). The SET clauses pin the ordered index scan whatever the statistics.
CREATE FUNCTION execops_claimable_jobs(job_types text[], max_jobs integer) RETURNS SETOF uuid
LANGUAGE sql VOLATILE
SET enable_bitmapscan = off
SET enable_seqscan = off
SET enable_sort = off
AS $$
  SELECT id FROM jobs
  WHERE state IN ('queued', 'scheduled') AND run_at <= now() AND job_type = ANY (job_types)
  ORDER BY priority, run_at, id
  LIMIT max_jobs
  FOR UPDATE SKIP LOCKED
$$;
