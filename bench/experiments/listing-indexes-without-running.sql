-- Idea (not adopted): the listing indexes leave out running jobs, so a claim writes 4 index entries instead of 10.
-- The listing would then read running jobs apart (few, through a partial index) and merge them in, and every
-- query that filters jobs by tenant and type, queue or state would have to prove `state <> 'running'` or read
-- running jobs apart as well. Priced with `npm run job-cost -- --try experiments/listing-indexes-without-running.sql`.
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
