-- A run's stream turns each `job.logged` event into the lines written with it: the lines of that job written by
-- the event's transaction. Lines written before this migration carry no transaction and are not in run streams
-- (the jobs' own log tails still show them). No default on existing rows, so the table is not rewritten.
ALTER TABLE job_logs ADD COLUMN xact xid8;
ALTER TABLE job_logs ALTER COLUMN xact SET DEFAULT pg_current_xact_id();
