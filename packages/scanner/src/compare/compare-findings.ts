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
 * (GHSA ↔ CVE) still pairs up through its aliases. With `exact`, the version is part of the key.
 */
export function findingKeys(finding: Finding, exact = false): string[] {
  const packageKey = exact ? finding.component.purl : purlWithoutVersion(finding.component.purl);
  return [finding.advisoryId, ...finding.aliases].map((id) => `${id}\0${packageKey}`);
}

/**
 * Pairs each current finding with at most one baseline finding: exact package versions first, so two installed
 * versions of one package pair with their own baseline entries whatever order they come in; then across versions.
 */
export function compareFindings(baseline: readonly Finding[], current: readonly Finding[]): FindingComparison {
  const pairs = new Map<Finding, Finding>();
  const used = new Set<Finding>();
  for (const exact of [true, false]) {
    const byKey = new Map<string, Finding[]>();
    for (const finding of baseline) {
      if (used.has(finding)) continue;
      for (const key of findingKeys(finding, exact)) byKey.set(key, [...(byKey.get(key) ?? []), finding]);
    }
    for (const finding of current) {
      if (pairs.has(finding)) continue;
      const match = findingKeys(finding, exact)
        .flatMap((key) => byKey.get(key) ?? [])
        .find((candidate) => !used.has(candidate));
      if (!match) continue;
      used.add(match);
      pairs.set(finding, match);
    }
  }
  return {
    new: current.filter((finding) => !pairs.has(finding)),
    fixed: baseline.filter((finding) => !used.has(finding)),
    unchanged: current.flatMap((finding) => {
      const match = pairs.get(finding);
      return match ? [{ baseline: match, current: finding }] : [];
    }),
  };
}
