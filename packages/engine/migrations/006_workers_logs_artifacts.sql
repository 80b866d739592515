-- Worker registry, structured job logs and job artifacts.

-- One row per worker process. `state` holds what was decided (active, draining by an operator, offline after
-- deregistering); stale/offline by heartbeat age are derived when read, so no sweeper has to keep them current.
CREATE TABLE workers (
  id           text PRIMARY KEY,
  tenant       text,
  name         text NOT NULL,
  host         text NOT NULL,
  pid          integer,
  version      text,
  job_types    text[] NOT NULL DEFAULT '{}',
  concurrency  integer NOT NULL CHECK (concurrency >= 1),
  labels       jsonb NOT NULL DEFAULT '{}',
  state        text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'draining', 'stale', 'offline')),
  started_at   timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  active_jobs  integer NOT NULL DEFAULT 0,
  processed    bigint NOT NULL DEFAULT 0,    -- attempts finished (succeeded or failed)
  failed       bigint NOT NULL DEFAULT 0     -- attempts reported failed
);
CREATE INDEX workers_heartbeat ON workers (heartbeat_at DESC);

CREATE TABLE job_logs (
  id      bigserial PRIMARY KEY,
  job_id  uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  ts      timestamptz NOT NULL DEFAULT now(),
  level   text NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
  message text NOT NULL,
  fields  jsonb
);
-- Tailing: a job's lines after the last id seen.
CREATE INDEX job_logs_tail ON job_logs (job_id, id);

CREATE TABLE job_artifacts (
  job_id     uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  name       text NOT NULL,
  uri        text NOT NULL,
  digest     text NOT NULL CHECK (digest ~ '^sha256:[0-9a-f]{64}$'),
  size       bigint NOT NULL CHECK (size >= 0),
  mime       text NOT NULL,
  attempt    integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (job_id, name)
);
