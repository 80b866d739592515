-- Jobs, their attempts, and the events log written in the same transaction as every state change.

CREATE TABLE jobs (
  id                  uuid PRIMARY KEY,                     -- uuid v7, so id order is creation order
  tenant              text NOT NULL,
  job_type            text NOT NULL,
  queue               text NOT NULL,
  payload             jsonb NOT NULL,
  payload_digest      text NOT NULL,                        -- sha256 hex of the canonical payload text
  priority            integer NOT NULL DEFAULT 0,           -- lower runs first
  state               text NOT NULL CHECK (state IN ('blocked','queued','scheduled','throttled','running',
                                                        'succeeded','failed','canceled','skipped')),
  attempt             integer NOT NULL DEFAULT 0,           -- attempts started so far
  max_attempts        integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  run_at              timestamptz NOT NULL DEFAULT now(),   -- earliest start (also retry backoff, throttle notBefore)
  lease_id            uuid,
  lease_owner         text,
  lease_until         timestamptz,
  heartbeat_at        timestamptz,
  progress_percent    real,
  progress_message    text,
  result              jsonb,
  last_error          jsonb,
  idempotency_key     text,
  correlation_id      text,
  run_id              uuid,
  replay_of           uuid,
  tags                text[] NOT NULL DEFAULT '{}',
  timeout_seconds     integer NOT NULL DEFAULT 300,
  cancel_requested_at timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  started_at          timestamptz,
  finished_at         timestamptz,
  CHECK ((state = 'running') = (lease_id IS NOT NULL))
);

-- Claim path: runnable jobs in claim order. Only queued/scheduled rows are in it, so it stays small.
CREATE INDEX jobs_claimable ON jobs (priority, run_at, id) INCLUDE (job_type)
  WHERE state IN ('queued', 'scheduled');
-- Rescuer: running jobs by lease expiry.
CREATE INDEX jobs_running_lease ON jobs (lease_until) WHERE state = 'running';
-- Idempotency keys are unique per tenant while the job is unfinished.
CREATE UNIQUE INDEX jobs_idempotency ON jobs (tenant, idempotency_key)
  WHERE idempotency_key IS NOT NULL AND state NOT IN ('succeeded', 'failed', 'canceled', 'skipped');
-- Listing: newest first within a tenant, optionally by state / type / queue.
CREATE INDEX jobs_tenant_id ON jobs (tenant, id DESC);
CREATE INDEX jobs_tenant_state_id ON jobs (tenant, state, id DESC);
CREATE INDEX jobs_tenant_type_id ON jobs (tenant, job_type, id DESC);
CREATE INDEX jobs_tenant_queue_id ON jobs (tenant, queue, id DESC);
-- Retention pruning of finished jobs.
CREATE INDEX jobs_finished_at ON jobs (finished_at) WHERE finished_at IS NOT NULL;

ALTER TABLE jobs SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);

CREATE TABLE job_attempts (
  job_id     uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  attempt    integer NOT NULL,
  lease_id   uuid NOT NULL UNIQUE,
  worker     text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  ended_at   timestamptz,
  outcome    text CHECK (outcome IN ('succeeded','failed','timed_out','lease_expired','canceled')),
  error      jsonb,
  PRIMARY KEY (job_id, attempt)
);

CREATE TABLE events (
  id         bigserial PRIMARY KEY,
  tenant     text NOT NULL,
  topic      text NOT NULL,            -- 'jobs', later 'runs', 'quotas', …
  type       text NOT NULL,            -- e.g. 'job.enqueued', 'job.started', 'job.succeeded'
  subject_id text NOT NULL,            -- the job id (or run id, …) the event is about
  data       jsonb NOT NULL DEFAULT '{}',
  ts         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_subject ON events (subject_id, id);
CREATE INDEX events_tenant_topic ON events (tenant, topic, id);
