import type { ScanComparisonCounts } from '@execops/contract';
import type { Queryable } from '@execops/engine';
import { compareAnalyzedFindings, type AnalyzedComparison, type AnalyzedFindings } from '../compare/compare-analyzed.ts';
import { scanFindings } from './scan-findings.ts';

const ANALYZERS_RAN_SQL = `SELECT analyzer FROM scan_analyzer_runs WHERE scan_id = $1 AND outcome = 'ok' ORDER BY analyzer`;
const ANALYZERS_OF_SQL = `SELECT purl, array_agg(DISTINCT analyzer ORDER BY analyzer) AS analyzers FROM scan_components WHERE scan_id = $1 GROUP BY purl`;

async function analyzedFindings(db: Queryable, scanId: string): Promise<AnalyzedFindings> {
  const findings = await scanFindings(db, scanId);
  const ran = await db.query<{ analyzer: string }>(ANALYZERS_RAN_SQL, [scanId]);
  const of = await db.query<{ purl: string; analyzers: string[] }>(ANALYZERS_OF_SQL, [scanId]);
  return { findings, analyzersRan: ran.rows.map((r) => r.analyzer), analyzersOf: new Map(of.rows.map((r) => [r.purl, r.analyzers])) };
}

/** A scan's findings against another scan's (none: every finding is new), judged only where both ran the analyzer. */
export async function compareScans(db: Queryable, baselineScanId: string | null, scanId: string): Promise<AnalyzedComparison> {
  const baseline = baselineScanId ? await analyzedFindings(db, baselineScanId) : null;
  return compareAnalyzedFindings(baseline, await analyzedFindings(db, scanId));
}

export function comparisonCounts(baselineScanId: string | null, result: AnalyzedComparison): ScanComparisonCounts {
  return {
    baselineScanId,
    new: result.new.length,
    fixed: result.fixed.length,
    unchanged: result.unchanged.length,
    notCompared: result.notCompared.reduce((sum, n) => sum + n.findings, 0),
  };
}
