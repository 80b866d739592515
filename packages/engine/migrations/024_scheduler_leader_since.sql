-- When the holder took the leader lease (the start of its term), shown next to the term: a leader that changed
-- a minute ago tells an operator more than a term number does. A row from before this migration gets the
-- migration's time, the best bound known.
ALTER TABLE scheduler_leader ADD COLUMN held_since timestamptz NOT NULL DEFAULT now();
