-- The floor for index design (not a proposal): no listing indexes at all, so the console could not list 1M jobs
-- in time. What is left per job is the heap update, the primary key and the claim/lease/finished partial indexes.
DROP INDEX jobs_tenant_id, jobs_tenant_priority_id, jobs_tenant_queue_id, jobs_tenant_run_at_id, jobs_tenant_state_id,
  jobs_tenant_type_id;
