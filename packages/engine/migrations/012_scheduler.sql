-- Cron schedules, the runs they (and operators) start, and the scheduler's leader lease.

CREATE TABLE schedules (
  id             uuid PRIMARY KEY,
  tenant         text NOT NULL,
  name           text NOT NULL,
  description    text NOT NULL DEFAULT '',
  cron           text NOT NULL,
  timezone       text NOT NULL,
  enabled        boolean NOT NULL DEFAULT true,
  paused         boolean NOT NULL DEFAULT false,
  target         jsonb NOT NULL,
  misfire_policy text NOT NULL CHECK (misfire_policy IN ('skip', 'fire_once', 'fire_all')),
  max_catch_up   integer NOT NULL CHECK (max_catch_up >= 1),
  overlap_policy text NOT NULL CHECK (overlap_policy IN ('allow', 'skip', 'cancel_previous')),
  next_fire_at   timestamptz,                            -- the next slot to fire; null while disabled
  last_fire_at   timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant, name)
);
CREATE INDEX schedules_due ON schedules (next_fire_at) WHERE enabled AND NOT paused;
CREATE INDEX schedules_tenant_id ON schedules (tenant, id DESC);

CREATE TABLE runs (
  id             uuid PRIMARY KEY,                       -- uuid v7: id order is creation order
  tenant         text NOT NULL,
  schedule_id    uuid REFERENCES schedules (id) ON DELETE SET NULL,
  schedule_name  text,                                   -- kept when the schedule is deleted
  trigger        text NOT NULL CHECK (trigger IN ('cron', 'manual', 'api', 'backfill')),
  fire_at        timestamptz,                            -- the cron slot; null for manual runs
  correlation_id text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
-- The guarantee of one run per slot, whichever process fires it and however often.
CREATE UNIQUE INDEX runs_schedule_slot ON runs (schedule_id, fire_at) WHERE schedule_id IS NOT NULL;
CREATE INDEX runs_tenant_id ON runs (tenant, id DESC);
CREATE INDEX runs_schedule_id ON runs (schedule_id, id DESC) WHERE schedule_id IS NOT NULL;
CREATE INDEX jobs_run ON jobs (run_id) WHERE run_id IS NOT NULL;

-- One row: the process allowed to fire schedules. A takeover bumps the term; firing transactions lock the row
-- FOR SHARE and check holder and term, so a deposed leader cannot fire after a takeover has committed.
CREATE TABLE scheduler_leader (
  id          integer PRIMARY KEY CHECK (id = 1),
  holder      text NOT NULL,
  term        bigint NOT NULL,
  lease_until timestamptz NOT NULL
);
