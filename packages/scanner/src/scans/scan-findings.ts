import type { ScanFinding } from '@execops/contract';
import type { Queryable } from '@execops/engine';
import type { Finding } from '../model/finding.ts';

interface StoredFindingRow {
  advisory_id: string;
  aliases: string[];
  summary: string;
  severity: Finding['severity'];
  score: number | null;
  vector: string | null;
  ecosystem: string;
  name: string;
  version: string;
  purl: string;
  fixed_versions: string[];
}

const FINDINGS_SQL = `
SELECT advisory_id, aliases, summary, severity, score, vector, ecosystem, name, version, purl, fixed_versions
FROM scan_findings WHERE scan_id = $1 ORDER BY ord`;

/** A scan's findings as the matcher produced them (for the report and comparisons). */
export async function scanFindings(db: Queryable, scanId: string): Promise<Finding[]> {
  const { rows } = await db.query<StoredFindingRow>(FINDINGS_SQL, [scanId]);
  return rows.map((row) => ({
    advisoryId: row.advisory_id,
    aliases: row.aliases,
    summary: row.summary,
    severity: row.severity,
    score: row.score,
    vector: row.vector,
    component: { purl: row.purl, name: row.name, version: row.version, ecosystem: row.ecosystem },
    fixedVersions: row.fixed_versions,
  }));
}

/** The API's flat shape of a finding. */
export function toScanFinding(finding: Finding): ScanFinding {
  return {
    advisoryId: finding.advisoryId,
    aliases: finding.aliases,
    summary: finding.summary,
    severity: finding.severity,
    score: finding.score,
    ecosystem: finding.component.ecosystem,
    name: finding.component.name,
    version: finding.component.version,
    purl: finding.component.purl,
    fixedVersions: finding.fixedVersions,
  };
}
