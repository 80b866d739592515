import type { Finding } from '../model/finding.ts';
import { purlWithoutVersion } from '../purl/purl.ts';

export interface FindingComparison {
  /** In the current scan, not in the baseline. */
  new: Finding[];
  /** In the baseline, gone from the current scan (the package was upgraded past the fix or removed). */
  fixed: Finding[];
  /** In both; `current` carries today's version, which may differ from the baseline's. */
  unchanged: { baseline: Finding; current: Finding }[];
}

/**
 * The identity of a finding across scans: the advisory and the package without its version. So a version bump
 * that still has the advisory is unchanged, not fixed-plus-new. An advisory re-published under an alias
 * (GHSA ↔ CVE) still pairs up through its aliases. Each baseline finding pairs with at most one current finding.
 */
export function findingKeys(finding: Finding): string[] {
  const packageKey = purlWithoutVersion(finding.component.purl);
  return [finding.advisoryId, ...finding.aliases].map((id) => `${id}\0${packageKey}`);
}

export function compareFindings(baseline: readonly Finding[], current: readonly Finding[]): FindingComparison {
  const remaining = new Map<string, Finding>();
  for (const finding of baseline)
    for (const key of findingKeys(finding)) if (!remaining.has(key)) remaining.set(key, finding);
  const paired = new Set<Finding>();
  const result: FindingComparison = { new: [], fixed: [], unchanged: [] };
  for (const finding of current) {
    const match = findingKeys(finding)
      .map((key) => remaining.get(key))
      .find((candidate) => candidate !== undefined && !paired.has(candidate));
    if (match) {
      paired.add(match);
      result.unchanged.push({ baseline: match, current: finding });
    } else {
      result.new.push(finding);
    }
  }
  result.fixed = baseline.filter((finding) => !paired.has(finding));
  return result;
}
