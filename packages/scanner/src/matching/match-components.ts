import type { Component } from '../model/component.ts';
import type { Finding } from '../model/finding.ts';
import type { OsvRecord } from '../osv/osv-record.ts';
import { evaluateAffected } from './affected.ts';
import { advisoryPackageCovers, normaliseEcosystem, normalisePackageName } from '../model/ecosystem-names.ts';
import { severityOf } from './severity.ts';
import { ecosystemOrder, type EcosystemOrder } from '../versions/ecosystem-order.ts';

/** The advisories of one package in the active feed (kits implement it over the active generation). */
export type AdvisoryLookup = (ecosystem: string, name: string) => Promise<readonly OsvRecord[]>;

export interface MatchResult {
  /** Sorted by advisory id, then purl; one per (advisory, component) even if several entries matched. */
  findings: Finding[];
  /** Advisory entries that named a component but could not be evaluated (no version order, bad version). */
  unevaluated: { advisoryId: string; purl: string; reason: string }[];
  /** Withdrawn advisories that named a component and were skipped. */
  withdrawnSkipped: number;
}

/**
 * Matches components against the feed: one lookup per distinct (ecosystem, advisory name), advisories written
 * against a Debian source package or Alpine origin matched by that name and version. Withdrawn advisories are
 * skipped; an advisory that lists another matched one among its aliases (GHSA ↔ CVE) is reported once, under the
 * id that sorts first, with both ids in `aliases`. `orderOf` orders ECOSYSTEM ranges (default: the built-in orders).
 */
export async function matchComponents(
  components: readonly Component[],
  lookup: AdvisoryLookup,
  orderOf: EcosystemOrder = ecosystemOrder,
): Promise<MatchResult> {
  const result: MatchResult = { findings: [], unevaluated: [], withdrawnSkipped: 0 };
  const advisories = new Map<string, Promise<readonly OsvRecord[]>>();
  const byPurl = new Map<string, Finding[]>();
  for (const component of components) {
    const ecosystem = normaliseEcosystem(component.ecosystem);
    const name = normalisePackageName(ecosystem, component.source?.name ?? component.name);
    const version = component.source?.version ?? component.version;
    const key = `${ecosystem}\0${name}`;
    if (!advisories.has(key)) advisories.set(key, lookup(ecosystem, name));
    const found = byPurl.get(component.purl) ?? [];
    byPurl.set(component.purl, found);
    for (const record of (await advisories.get(key)) ?? []) {
      const entries = record.affected.filter(
        (a) =>
          normaliseEcosystem(a.package.ecosystem) === ecosystem && advisoryPackageCovers(ecosystem, a.package.name, name),
      );
      if (!entries.length || found.some((f) => f.advisoryId === record.id)) continue;
      if (record.withdrawn) {
        result.withdrawnSkipped++;
        continue;
      }
      const fixedVersions: string[] = [];
      let affected = false;
      for (const entry of entries) {
        const verdict = evaluateAffected(entry, version, orderOf);
        if (verdict.affected === true) {
          affected = true;
          fixedVersions.push(...verdict.fixedVersions.filter((v) => !fixedVersions.includes(v)));
        } else if (verdict.affected === 'unknown') {
          result.unevaluated.push({ advisoryId: record.id, purl: component.purl, reason: verdict.reason });
        }
      }
      if (affected) found.push(toFinding(record, component, fixedVersions));
    }
  }
  for (const found of byPurl.values()) result.findings.push(...mergeAliases(found));
  result.findings.sort(
    (a, b) => compareStrings(a.advisoryId, b.advisoryId) || compareStrings(a.component.purl, b.component.purl),
  );
  return result;
}

function toFinding(record: OsvRecord, component: Component, fixedVersions: string[]): Finding {
  return {
    advisoryId: record.id,
    aliases: [...new Set(record.aliases ?? [])].sort(),
    summary: record.summary ?? record.details?.split('\n')[0] ?? '',
    ...severityOf(record),
    component: {
      purl: component.purl,
      name: component.name,
      version: component.version,
      ecosystem: component.ecosystem,
    },
    fixedVersions,
  };
}

/** Folds findings of one component whose advisories alias each other into the one whose id sorts first. */
function mergeAliases(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => compareStrings(a.advisoryId, b.advisoryId));
  const kept: Finding[] = [];
  for (const finding of sorted) {
    const ids = new Set([finding.advisoryId, ...finding.aliases]);
    const twin = kept.find((k) => ids.has(k.advisoryId) || k.aliases.some((alias) => ids.has(alias)));
    if (!twin) {
      kept.push(finding);
      continue;
    }
    twin.aliases = [...new Set([...twin.aliases, ...ids])].filter((id) => id !== twin.advisoryId).sort();
    twin.fixedVersions.push(...finding.fixedVersions.filter((v) => !twin.fixedVersions.includes(v)));
  }
  return kept;
}

export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
