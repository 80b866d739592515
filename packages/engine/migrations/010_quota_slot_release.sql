-- A job denied by a quota's maxActive waits as `throttled` with a notBefore one second out: nobody knows when a
-- slot frees. Without more, a quota of maxActive 10 on 100 ms jobs ran 10 jobs a second, not 100. So when a
-- running job of a tenant with such a quota leaves `running` (finished, failed, retried, rescued, canceled), its
-- slot goes to the next throttled job at once: that job is queued and its queue woken. The claim still decides
-- admission under the quota-row lock, so this can never admit past a limit; it only stops slots idling.
CREATE INDEX jobs_throttled_by_type ON jobs (tenant, job_type, priority, run_at, id) WHERE state = 'throttled';
CREATE INDEX jobs_throttled_by_tenant ON jobs (tenant, priority, run_at, id) WHERE state = 'throttled';

CREATE FUNCTION execops_quota_slot_freed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  scope text;
  next_id uuid;
  next_queue text;
BEGIN
  -- One release per quota the slot belonged to: the job type's own, and the tenant-wide '*'.
  FOR scope IN
    SELECT job_type FROM quotas
    WHERE tenant = NEW.tenant AND job_type IN (NEW.job_type, '*') AND max_active IS NOT NULL
  LOOP
    SELECT id INTO next_id FROM jobs
    WHERE tenant = NEW.tenant AND state = 'throttled' AND run_at > now() AND (scope = '*' OR job_type = NEW.job_type)
    ORDER BY priority, run_at, id
    LIMIT 1
    FOR UPDATE SKIP LOCKED;
    CONTINUE WHEN next_id IS NULL;
    UPDATE jobs SET state = 'queued', run_at = now() WHERE id = next_id RETURNING queue INTO next_queue;
    INSERT INTO events (tenant, topic, type, subject_id, data)
    VALUES (NEW.tenant, 'jobs', 'job.unthrottled', next_id::text, jsonb_build_object('reason', 'a quota slot freed', 'quota', scope));
    PERFORM pg_notify('execops_jobs', next_queue);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER jobs_quota_slot_freed AFTER UPDATE OF state ON jobs FOR EACH ROW
  WHEN (OLD.state = 'running' AND NEW.state <> 'running')
  EXECUTE FUNCTION execops_quota_slot_freed();
