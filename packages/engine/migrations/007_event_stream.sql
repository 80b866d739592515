-- Event ids are taken before commit, so reading "id > last seen" can skip a row whose transaction commits late.
-- The stream therefore reads in (transaction id, id) order and only transactions older than every one still
-- running (the snapshot's xmin): nothing can later appear before the cursor.
ALTER TABLE events ADD COLUMN xact xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX events_stream ON events (xact, id);
