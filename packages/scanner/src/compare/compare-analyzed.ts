import type { Finding } from '../model/finding.ts';
import { compareFindings, type FindingComparison } from './compare-findings.ts';

/** A scan's findings with what is needed to tell which analyzer stands behind each. */
export interface AnalyzedFindings {
  findings: readonly Finding[];
  /** Analyzers whose run in the scan succeeded. */
  analyzersRan: readonly string[];
  /** purl → the analyzers that reported that package in the scan. */
  analyzersOf: ReadonlyMap<string, readonly string[]>;
}

/** Findings left out of the comparison: their analyzer did not run (successfully) in the other scan. */
export interface NotCompared {
  analyzer: string;
  from: 'baseline' | 'scan';
  findings: number;
}

export interface AnalyzedComparison extends FindingComparison {
  notCompared: NotCompared[];
}

/**
 * Compares only what both scans looked at: a finding counts when one of the analyzers that reported its package ran
 * in both scans. Otherwise a disabled or failed analyzer would turn its baseline findings into "fixed" (and a newly
 * enabled one its findings into "new"); those are counted per analyzer instead. A finding whose package no stored
 * component names is compared as before.
 */
export function compareAnalyzedFindings(baseline: AnalyzedFindings | null, current: AnalyzedFindings): AnalyzedComparison {
  if (!baseline) return { ...compareFindings([], current.findings), notCompared: [] };
  const inBoth = new Set(baseline.analyzersRan.filter((id) => current.analyzersRan.includes(id)));
  const notCompared: NotCompared[] = [];
  const comparable = (scan: AnalyzedFindings, from: NotCompared['from']): Finding[] => {
    const skipped = new Map<string, number>();
    const kept = scan.findings.filter((finding) => {
      const analyzers = scan.analyzersOf.get(finding.component.purl) ?? [];
      if (analyzers.length === 0 || analyzers.some((id) => inBoth.has(id))) return true;
      const analyzer = analyzers[0] as string;
      skipped.set(analyzer, (skipped.get(analyzer) ?? 0) + 1);
      return false;
    });
    for (const [analyzer, findings] of [...skipped].sort(([a], [b]) => a.localeCompare(b))) notCompared.push({ analyzer, from, findings });
    return kept;
  };
  const result = compareFindings(comparable(baseline, 'baseline'), comparable(current, 'scan'));
  return { ...result, notCompared };
}
