-- Idea, built and measured on 2026-12-03, not adopted: the listing indexes leave out running jobs, so a claim writes
-- 3 index entries instead of 10, and the listing, bulk selections and tenant list read the running jobs apart (through
-- their small partial indexes) and merge them in. `npm run job-cost -- --try experiments/listing-indexes-without-running.sql`:
-- PostgreSQL CPU per job −15 to −20%. But reading the running part apart costs O(running jobs): with the scale
-- fixture's 10,000 running jobs, sorts by priority or runAt and text search went from ~10 ms to 50–65 ms p95
-- (`npm run scale`), over the 50 ms goal. See RESULTS.md, "where a job's CPU goes".
BEGIN;
DROP INDEX jobs_tenant_id, jobs_tenant_priority_id, jobs_tenant_queue_id, jobs_tenant_run_at_id, jobs_tenant_state_id,
  jobs_tenant_type_id, jobs_tenant_unfinished_id;
CREATE INDEX jobs_tenant_id ON jobs (tenant, id DESC) WHERE state <> 'running';
CREATE INDEX jobs_tenant_priority_id ON jobs (tenant, priority, id) WHERE state <> 'running';
CREATE INDEX jobs_tenant_queue_id ON jobs (tenant, queue, id DESC) WHERE state <> 'running';
CREATE INDEX jobs_tenant_run_at_id ON jobs (tenant, run_at, id) WHERE state <> 'running';
CREATE INDEX jobs_tenant_state_id ON jobs (tenant, state, id DESC) WHERE state <> 'running';
CREATE INDEX jobs_tenant_type_id ON jobs (tenant, job_type, id DESC) WHERE state <> 'running';
CREATE INDEX jobs_tenant_unfinished_id ON jobs (tenant, id) WHERE finished_at IS NULL AND state <> 'running';
COMMIT;
