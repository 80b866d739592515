-- Measured with bench/scale.ts (1M jobs, 100k open dead-letter entries): the dead-letter stats and the overview
-- aggregate every open entry. With job_type beside dead_lettered_at and retryable in the open-entries index, those
-- aggregates (clusters with their job types, totals, the overview's open/retryable/oldest) read only the index.
DROP INDEX dead_letter_open;
CREATE INDEX dead_letter_open ON dead_letter (tenant, cluster_key) INCLUDE (dead_lettered_at, retryable, job_type) WHERE status = 'open';
