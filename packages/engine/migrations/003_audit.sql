-- Every operator mutation (cancel, replay, priority, quota and queue changes, …) with who, why and what changed,
-- written in the same transaction as the change.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  tenant      text NOT NULL,
  actor       text NOT NULL,
  action      text NOT NULL,            -- e.g. 'job.cancel', 'job.replay', 'quota.update', 'queue.pause'
  target_type text NOT NULL,            -- 'job', 'quota', 'queue', …
  target_id   text NOT NULL,
  reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 256),
  ticket      text CHECK (length(ticket) <= 128),
  before      jsonb,
  after       jsonb,
  trace_id    text,
  ts          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_target ON audit_log (tenant, target_type, target_id, id DESC);
CREATE INDEX audit_log_tenant ON audit_log (tenant, id DESC);
