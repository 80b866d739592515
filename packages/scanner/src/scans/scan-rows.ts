import type { ScanComparisonCounts, ScanDetail, ScanSummary, ScanTarget, SeverityCounts } from '@execops/contract';

export interface ScanRow {
  id: string;
  tenant: string;
  target_name: string;
  target: ScanTarget;
  trigger: ScanSummary['trigger'];
  effective_state: ScanSummary['state'];
  run_id: string;
  created_at: Date;
  finished_at: Date | null;
  components: number | null;
  findings: number | null;
  severities: SeverityCounts | null;
  feed: ScanSummary['feed'];
  target_bytes: string | number | null;
  error: string | null;
  is_baseline: boolean;
  /** Scans compared before notCompared existed stored no count of it. */
  comparison: (Omit<ScanComparisonCounts, 'notCompared'> & { notCompared?: number }) | null;
}

const FINAL_STATES = "('succeeded', 'partial', 'failed', 'canceled')";

/**
 * A scan with its state: the stored one once final, else what its jobs say — a canceled job ends it canceled and
 * a job that failed or was skipped with nothing left to run ends it failed (its own jobs would have written it).
 */
export const SCAN_COLUMNS = `
s.id, s.tenant, s.target_name, s.target, s.trigger, s.run_id, s.created_at, s.finished_at, s.components, s.findings,
s.severities, s.feed, s.target_bytes, s.error, s.comparison,
EXISTS (SELECT 1 FROM scan_baselines b WHERE b.tenant = s.tenant AND b.target_name = s.target_name AND b.scan_id = s.id) AS is_baseline,
CASE WHEN s.state IN ${FINAL_STATES} THEN s.state ELSE (
  SELECT CASE
    WHEN count(*) FILTER (WHERE j.state NOT IN ('succeeded', 'failed', 'canceled', 'skipped')) > 0
      THEN CASE WHEN s.state = 'running' OR count(*) FILTER (WHERE j.state <> 'queued' AND j.state <> 'blocked') > 0 THEN 'running' ELSE 'queued' END
    WHEN count(*) FILTER (WHERE j.state = 'canceled') > 0 THEN 'canceled'
    WHEN count(*) = 0 THEN s.state
    ELSE 'failed' END
  FROM jobs j WHERE j.id = ANY (s.job_ids)) END AS effective_state`;

export function toScanSummary(row: ScanRow): ScanSummary {
  const finishedAt = row.finished_at?.toISOString() ?? null;
  return {
    id: row.id,
    tenant: row.tenant,
    targetName: row.target_name,
    target: row.target,
    trigger: row.trigger,
    state: row.effective_state,
    runId: row.run_id,
    createdAt: row.created_at.toISOString(),
    finishedAt,
    durationMs: row.finished_at ? row.finished_at.getTime() - row.created_at.getTime() : null,
    components: row.components,
    findings: row.findings,
    severities: row.severities,
    feed: row.feed,
    targetBytes: row.target_bytes === null ? null : Number(row.target_bytes),
    error: row.error,
    isBaseline: row.is_baseline,
    comparison: row.comparison && { ...row.comparison, notCompared: row.comparison.notCompared ?? 0 },
  };
}

export interface AnalyzerRunRow {
  analyzer: string;
  analyzer_version: string;
  job_id: string | null;
  outcome: ScanDetail['analyzers'][number]['outcome'];
  duration_ms: number | null;
  component_count: number | null;
  cache_hit: boolean;
  error: string | null;
}

export function toAnalyzerRun(row: AnalyzerRunRow): ScanDetail['analyzers'][number] {
  return {
    analyzer: row.analyzer,
    analyzerVersion: row.analyzer_version,
    jobId: row.job_id,
    outcome: row.outcome,
    durationMs: row.duration_ms,
    components: row.component_count,
    cacheHit: row.cache_hit,
    error: row.error,
  };
}
