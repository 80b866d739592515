-- A scan follows its pipeline's jobs whoever moves them: the worker that fails a step (permanent error, last
-- attempt, timeout), the rescuer that fails an expired lease on its last attempt, or an operator's replay.
-- (A scan's own steps write its other states: started, partial, succeeded; a scan cancel writes canceled.)

-- The scan a scanner step job works for, in the job's tenant (a payload not naming one gives null).
CREATE FUNCTION execops_scan_of_step(job jobs) RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT s.id FROM scans s
  WHERE job.job_type IN ('scanner.resolve', 'scanner.analyze', 'scanner.match', 'scanner.report', 'scanner.compare')
    AND job.payload->>'scanId' ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
    AND s.id = (job.payload->>'scanId')::uuid AND s.tenant = job.tenant
$$;

-- Ends a scan failed with its `scan.failed` event; the caller holds the scan's row.
CREATE FUNCTION execops_fail_scan(scan_id uuid, message text) RETURNS void LANGUAGE sql AS $$
  UPDATE scans SET state = 'failed', finished_at = now(), error = message WHERE id = scan_id;
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT tenant, 'scans', 'scan.failed', id::text, jsonb_build_object('error', message) FROM scans WHERE id = scan_id;
$$;

-- A step the scan cannot finish without (every step but an analyzer, whose failure makes the scan partial) failed
-- for good: the scan ends failed with the step's error, in the same transaction.
-- A scan locked by someone else is left alone rather than waited for: only a scan cancel locks the scan before its
-- jobs, and it ends the scan itself (waiting would deadlock with it).
CREATE FUNCTION execops_scan_step_failed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  scan_id uuid := execops_scan_of_step(NEW);
BEGIN
  PERFORM 1 FROM scans WHERE id = scan_id AND state IN ('queued', 'running') FOR NO KEY UPDATE SKIP LOCKED;
  IF FOUND THEN
    PERFORM execops_fail_scan(scan_id, coalesce(NEW.last_error->>'message', 'the ' || NEW.job_type || ' job failed'));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER jobs_scan_step_failed AFTER UPDATE OF state ON jobs FOR EACH ROW
  WHEN (NEW.state = 'failed' AND OLD.state <> 'failed' AND NEW.job_type LIKE 'scanner.%' AND NEW.job_type <> 'scanner.analyze')
  EXECUTE FUNCTION execops_scan_step_failed();

-- A replayed step that succeeded with nothing of its scan left to run was replayed without its downstream (the
-- steps after it stay skipped): the scan cannot finish, so it ends failed saying so rather than running forever.
CREATE FUNCTION execops_scan_step_stranded() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  scan_id uuid := execops_scan_of_step(NEW);
BEGIN
  PERFORM 1 FROM scans s
  WHERE s.id = scan_id AND s.state = 'running'
    AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = ANY (s.job_ids) AND j.state NOT IN ('succeeded', 'failed', 'canceled', 'skipped'))
  FOR NO KEY UPDATE SKIP LOCKED;
  IF FOUND THEN
    PERFORM execops_fail_scan(scan_id, 'the replayed ' || NEW.job_type || ' job finished, but the steps after it were not '
                                       || 'replayed: replay it with its downstream to finish the scan');
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER jobs_scan_step_stranded AFTER UPDATE OF state ON jobs FOR EACH ROW
  WHEN (NEW.state = 'succeeded' AND OLD.state <> 'succeeded' AND NEW.replay_of IS NOT NULL
        AND NEW.job_type LIKE 'scanner.%' AND NEW.job_type <> 'scanner.compare')
  EXECUTE FUNCTION execops_scan_step_stranded();

-- A replay of a scan's step (job replay, dead-letter replay, a run's retry) takes the original's place in the scan:
-- a cancel of the scan reaches it. A failed scan runs again, with its `scan.resumed` event; its steps finish it.
CREATE FUNCTION execops_scan_step_replayed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  scan_id uuid := execops_scan_of_step(NEW);
  prior text;
BEGIN
  SELECT state INTO prior FROM scans WHERE id = scan_id FOR NO KEY UPDATE;
  IF prior IS NULL OR prior NOT IN ('queued', 'running', 'failed') THEN
    RETURN NULL;
  END IF;
  UPDATE scans
  SET job_ids = CASE WHEN NEW.replay_of = ANY (job_ids) THEN array_replace(job_ids, NEW.replay_of, NEW.id) ELSE job_ids || NEW.id END,
      state = CASE WHEN prior = 'failed' THEN 'running' ELSE state END,
      finished_at = CASE WHEN prior = 'failed' THEN NULL ELSE finished_at END,
      error = CASE WHEN prior = 'failed' THEN NULL ELSE error END
  WHERE id = scan_id;
  IF prior = 'failed' THEN
    INSERT INTO events (tenant, topic, type, subject_id, data)
    VALUES (NEW.tenant, 'scans', 'scan.resumed', scan_id::text,
            jsonb_build_object('jobId', NEW.id, 'replayOf', NEW.replay_of, 'jobType', NEW.job_type));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER jobs_scan_step_replayed AFTER INSERT ON jobs FOR EACH ROW
  WHEN (NEW.replay_of IS NOT NULL AND NEW.job_type LIKE 'scanner.%')
  EXECUTE FUNCTION execops_scan_step_replayed();
