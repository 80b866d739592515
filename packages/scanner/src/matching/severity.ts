import type { Finding, Severity } from '../model/finding.ts';
import type { OsvRecord } from '../osv/osv-record.ts';
import { cvss3BaseScore } from './cvss3.ts';

/** CVSS v3 qualitative rating of a base score (CVSS v3.1 §5). */
export function ratingOf(score: number): Severity {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  return score < 9 ? 'high' : 'critical';
}

const LABELS: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  moderate: 'medium',
  medium: 'medium',
  low: 'low',
  negligible: 'low',
  none: 'none',
};

/**
 * Severity of an advisory: from the first CVSS v3 vector in `severity` that scores, else from the label in
 * `database_specific.severity` (GitHub's CRITICAL/HIGH/MODERATE/LOW and the like), else unknown.
 */
export function severityOf(record: OsvRecord): Pick<Finding, 'severity' | 'score' | 'vector'> {
  for (const entry of record.severity ?? []) {
    const score = entry.type === 'CVSS_V3' ? cvss3BaseScore(entry.score) : null;
    if (score !== null) return { severity: ratingOf(score), score, vector: entry.score };
  }
  const label = record.database_specific?.severity;
  const severity = typeof label === 'string' ? LABELS[label.toLowerCase()] : undefined;
  return { severity: severity ?? 'unknown', score: null, vector: null };
}
