import { createHash } from 'node:crypto';
import type { Component } from '../model/component.ts';
import type { Finding } from '../model/finding.ts';
import { mergeComponents } from '../model/merge-components.ts';
import type { CycloneDxBom, CycloneDxComponent, CycloneDxVulnerability } from './cyclonedx.ts';

export interface ReportInput {
  /** What was scanned, as the operator named it (path, image reference). */
  target: { name: string; format: string };
  components: readonly Component[];
  findings: readonly Finding[];
  tool: { name: string; version: string };
  /** Omitted for deterministic output; otherwise the scan's clock reading. */
  timestamp?: Date;
  /** Extra `execops:*` facts recorded in metadata (feed version, …), in the given order. */
  properties?: { name: string; value: string }[];
}

export interface Report {
  bom: CycloneDxBom;
  /** The BOM serialised: byte-identical for equal inputs without a timestamp. */
  json: string;
}

/**
 * A CycloneDX 1.5 SBOM with the findings as `vulnerabilities` (one per advisory, affecting every matched component).
 * Components and vulnerabilities are sorted and the serial number is derived from a hash of the content, so the
 * same scan gives the same bytes.
 */
export function buildReport(input: ReportInput): Report {
  const components = mergeComponents(input.components).map(toCycloneDxComponent);
  const vulnerabilities = toVulnerabilities(input.findings);
  const content = {
    bomFormat: 'CycloneDX' as const,
    specVersion: '1.5' as const,
    serialNumber: '',
    version: 1 as const,
    metadata: {
      ...(input.timestamp ? { timestamp: input.timestamp.toISOString() } : {}),
      tools: { components: [{ type: 'application' as const, ...input.tool }] },
      component: {
        type:
          input.target.format === 'directory' || input.target.format === 'archive'
            ? ('file' as const)
            : ('container' as const),
        'bom-ref': 'target',
        name: input.target.name,
      },
      properties: [{ name: 'execops:target:format', value: input.target.format }, ...(input.properties ?? [])],
    },
    components,
    vulnerabilities,
  };
  const { timestamp: _timestamp, ...stableMetadata } = content.metadata;
  const digest = createHash('sha256')
    .update(JSON.stringify({ ...content, metadata: stableMetadata }))
    .digest('hex');
  const bom: CycloneDxBom = { ...content, serialNumber: `urn:uuid:${uuidFromDigest(digest)}` };
  return { bom, json: `${JSON.stringify(bom, null, 2)}\n` };
}

function toCycloneDxComponent(component: Component): CycloneDxComponent {
  return {
    type: 'library',
    'bom-ref': component.purl,
    name: component.name,
    version: component.version,
    purl: component.purl,
    properties: [
      { name: 'execops:analyzer', value: component.analyzer },
      { name: 'execops:ecosystem', value: component.ecosystem },
      ...(component.source
        ? [{ name: 'execops:source', value: `${component.source.name}@${component.source.version}` }]
        : []),
      ...component.locations.map((location) => ({ name: 'execops:location', value: location })),
    ],
  };
}

function toVulnerabilities(findings: readonly Finding[]): CycloneDxVulnerability[] {
  const byAdvisory = new Map<string, Finding[]>();
  for (const finding of findings)
    byAdvisory.set(finding.advisoryId, [...(byAdvisory.get(finding.advisoryId) ?? []), finding]);
  return [...byAdvisory.keys()].sort(order).map((id) => {
    // Sorted so the rating and summary come from the same finding whatever order matching produced.
    const group = [...(byAdvisory.get(id) ?? [])].sort((a, b) => order(a.component.purl, b.component.purl));
    const first = group[0] as Finding;
    const fixed = [...new Set(group.flatMap((f) => f.fixedVersions))].sort(order);
    return {
      'bom-ref': `vuln:${id}`,
      id,
      source: { name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}` },
      references: [...new Set(group.flatMap((f) => f.aliases))]
        .sort(order)
        .map((alias) => ({ id: alias, source: { name: sourceOf(alias) } })),
      ratings: [
        first.vector && first.score !== null
          ? {
              severity: first.severity,
              score: first.score,
              method: first.vector.startsWith('CVSS:3.1') ? ('CVSSv31' as const) : ('CVSSv3' as const),
              vector: first.vector,
            }
          : { severity: first.severity },
      ],
      description: first.summary,
      ...(fixed.length ? { recommendation: `Upgrade to a fixed version: ${fixed.join(', ')}` } : {}),
      affects: [...new Set(group.map((f) => f.component.purl))].sort(order).map((ref) => ({ ref })),
    };
  });
}

/** The database an alias id belongs to, from its prefix (CVE-, GHSA-, …). */
const sourceOf = (id: string): string => (id.startsWith('CVE-') ? 'NVD' : id.startsWith('GHSA-') ? 'GitHub' : 'OSV');

/** RFC 4122 layout (version nibble 5, variant 10) over the first 128 bits of a SHA-256, as CycloneDX's pattern requires. */
function uuidFromDigest(hex: string): string {
  const bytes = Buffer.from(hex.slice(0, 32), 'hex');
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
