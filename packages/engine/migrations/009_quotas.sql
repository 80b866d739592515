-- Quotas per (tenant, job type); job_type '*' covers every type of the tenant. Limits are optional (NULL = none).
CREATE TABLE quotas (
  tenant            text NOT NULL,
  job_type          text NOT NULL,
  max_active        integer CHECK (max_active >= 0),
  max_per_hour      integer CHECK (max_per_hour >= 0),
  burst             integer CHECK (burst >= 1),
  refill_per_second double precision CHECK (refill_per_second > 0),
  tokens            double precision,              -- bucket level at tokens_at (refilled lazily by the claim)
  tokens_at         timestamptz,
  hour_started_at   timestamptz,                   -- fixed hourly window for max_per_hour
  hour_used         integer NOT NULL DEFAULT 0,
  paused            boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant, job_type),
  CHECK ((burst IS NULL) = (refill_per_second IS NULL))
);
CREATE INDEX quotas_job_type ON quotas (job_type);

-- Throttled jobs wait like scheduled ones: claimable again once run_at (their notBefore) has passed.
DROP INDEX jobs_claimable;
CREATE INDEX jobs_claimable ON jobs (priority, run_at, id) INCLUDE (job_type)
  WHERE state IN ('queued', 'scheduled', 'throttled');

CREATE OR REPLACE FUNCTION execops_claimable_jobs(job_types text[], max_jobs integer) RETURNS SETOF uuid
LANGUAGE sql VOLATILE
SET enable_bitmapscan = off
SET enable_seqscan = off
SET enable_sort = off
AS $$
  SELECT id FROM jobs
  WHERE state IN ('queued', 'scheduled', 'throttled') AND run_at <= now() AND job_type = ANY (job_types)
    AND NOT EXISTS (SELECT 1 FROM queue_pauses p WHERE p.tenant = jobs.tenant AND p.queue = jobs.queue)
  ORDER BY priority, run_at, id
  LIMIT max_jobs
  FOR UPDATE SKIP LOCKED
$$;
