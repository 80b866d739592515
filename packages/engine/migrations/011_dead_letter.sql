-- The dead-letter queue (SPEC §5): one entry per job that failed terminally. Entries outlive their jobs (retention
-- prunes finished jobs; entries stay until resolved), so job_id is not a foreign key.

-- uuid v7 from the database clock, so entries written by triggers sort by creation like the engine's ids.
CREATE FUNCTION execops_uuidv7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

-- Entries failing the same way share a key: the error code, then the message with uuids, hex runs of 8 or more
-- (with at least one letter, optionally 0x-prefixed), then numbers replaced by placeholders and whitespace folded.
CREATE FUNCTION execops_dead_letter_cluster_key(code text, message text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(code, '') || ': ' || left(btrim(
    regexp_replace(
      regexp_replace(
        regexp_replace(
          regexp_replace(coalesce(message, ''),
            '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}', '<uuid>', 'g'),
          '(?<![0-9A-Za-z])(0[xX])?(?=[0-9A-Fa-f]*[A-Fa-f])[0-9A-Fa-f]{8,}(?![0-9A-Za-z])', '<hex>', 'g'),
        '[0-9]+(\.[0-9]+)?', '<n>', 'g'),
      '\s+', ' ', 'g')), 400)
$$;

CREATE TABLE dead_letter (
  id                uuid PRIMARY KEY DEFAULT execops_uuidv7(),
  tenant            text NOT NULL,
  job_id            uuid NOT NULL UNIQUE,
  job_type          text NOT NULL,
  queue             text NOT NULL,
  payload_digest    text NOT NULL,
  attempts          integer NOT NULL,
  first_failed_at   timestamptz NOT NULL,
  dead_lettered_at  timestamptz NOT NULL DEFAULT now(),
  error             jsonb NOT NULL,                 -- the job's final error {code, message, class, retryable, stack?}
  error_code        text NOT NULL,
  error_class       text NOT NULL,
  retryable         boolean NOT NULL,
  cluster_key       text NOT NULL,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replayed', 'resolved')),
  replayed_job_ids  uuid[] NOT NULL DEFAULT '{}',
  resolution_note   text,
  resolution_ticket text,
  resolved_by       text,
  resolved_at       timestamptz,
  CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);
-- Listing is newest first by (dead_lettered_at, id), alone or narrowed by status, job type or cluster.
CREATE INDEX dead_letter_tenant_time ON dead_letter (tenant, dead_lettered_at DESC, id DESC);
CREATE INDEX dead_letter_tenant_status_time ON dead_letter (tenant, status, dead_lettered_at DESC, id DESC);
CREATE INDEX dead_letter_tenant_type_time ON dead_letter (tenant, job_type, dead_lettered_at DESC, id DESC);
CREATE INDEX dead_letter_tenant_cluster_time ON dead_letter (tenant, cluster_key, dead_lettered_at DESC, id DESC);
-- Stats group the open entries.
CREATE INDEX dead_letter_open ON dead_letter (tenant, cluster_key) INCLUDE (dead_lettered_at, retryable) WHERE status = 'open';

-- Each replay of an entry: who, why, and the Idempotency-Key that makes a retried request return the same job.
CREATE TABLE dead_letter_replays (
  entry_id        uuid NOT NULL REFERENCES dead_letter (id) ON DELETE CASCADE,
  job_id          uuid NOT NULL,
  idempotency_key text,
  actor           text NOT NULL,
  reason          text NOT NULL,
  ticket          text,
  at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entry_id, job_id)
);
CREATE UNIQUE INDEX dead_letter_replays_key ON dead_letter_replays (entry_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Whatever statement fails a job terminally (fail with attempts exhausted or a permanent error, the rescuer on the
-- last attempt, the worker protocol, an insert of a failed job), its entry and `deadletter.created` event are
-- written in the same transaction. Canceled and skipped jobs are not failures.
CREATE FUNCTION execops_dead_letter_job() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  err jsonb := coalesce(NEW.last_error,
    '{"code":"unknown","message":"the job failed without an error","class":"unknown","retryable":false}'::jsonb);
  entry dead_letter;
BEGIN
  INSERT INTO dead_letter (tenant, job_id, job_type, queue, payload_digest, attempts, first_failed_at, error,
                           error_code, error_class, retryable, cluster_key)
  SELECT NEW.tenant, NEW.id, NEW.job_type, NEW.queue, NEW.payload_digest, NEW.attempt,
         coalesce((SELECT min(ended_at) FROM job_attempts
                   WHERE job_id = NEW.id AND outcome IN ('failed', 'timed_out', 'lease_expired')), now()),
         err, coalesce(err->>'code', 'unknown'), coalesce(err->>'class', 'unknown'), coalesce((err->>'retryable')::boolean, false),
         execops_dead_letter_cluster_key(coalesce(err->>'code', 'unknown'), err->>'message')
  ON CONFLICT (job_id) DO NOTHING
  RETURNING * INTO entry;
  IF entry.id IS NOT NULL THEN
    INSERT INTO events (tenant, topic, type, subject_id, data)
    VALUES (entry.tenant, 'deadletter', 'deadletter.created', entry.id::text,
            jsonb_build_object('jobId', entry.job_id, 'jobType', entry.job_type, 'code', entry.error_code,
                               'clusterKey', entry.cluster_key));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER jobs_dead_letter_on_fail AFTER UPDATE OF state ON jobs FOR EACH ROW
  WHEN (NEW.state = 'failed' AND OLD.state <> 'failed')
  EXECUTE FUNCTION execops_dead_letter_job();
CREATE TRIGGER jobs_dead_letter_on_insert AFTER INSERT ON jobs FOR EACH ROW
  WHEN (NEW.state = 'failed')
  EXECUTE FUNCTION execops_dead_letter_job();
