-- An analyzer run stopped because an operator canceled its scan is recorded as canceled: the operator's doing,
-- not the analyzer's failure, so analyzer health leaves it out.
ALTER TABLE scan_analyzer_runs DROP CONSTRAINT scan_analyzer_runs_outcome_check;
ALTER TABLE scan_analyzer_runs ADD CONSTRAINT scan_analyzer_runs_outcome_check CHECK (outcome IN ('ok', 'error', 'skipped', 'canceled'));
