-- Listing sorted by priority, runAt or finishedAt within a tenant, with keyset paging on (sort key, id).
-- Without these the planner sorts every job of the tenant for each page. A btree read backwards serves the other
-- direction, except for the nullable finished_at: "nulls last" in both directions needs one index per direction.
CREATE INDEX jobs_tenant_priority_id ON jobs (tenant, priority, id);
CREATE INDEX jobs_tenant_run_at_id ON jobs (tenant, run_at, id);
CREATE INDEX jobs_tenant_finished_at_id ON jobs (tenant, finished_at ASC NULLS LAST, id);
CREATE INDEX jobs_tenant_finished_at_desc_id ON jobs (tenant, finished_at DESC NULLS LAST, id DESC);
