import { describe, expect, it } from 'vitest';
import { buildReport, type Component, type Finding, type ReportInput } from '../../src/index.ts';

const component = (name: string, version: string, location: string, analyzer = 'npm'): Component => ({
  analyzer,
  ecosystem: 'npm',
  name,
  version,
  purl: `pkg:npm/${name}@${version}`,
  locations: [location],
});

const finding = (advisoryId: string, purl: string, extra: Partial<Finding> = {}): Finding => ({
  advisoryId,
  aliases: [],
  summary: `${advisoryId} summary`,
  severity: 'medium',
  score: null,
  vector: null,
  component: { purl, name: purl, version: '', ecosystem: 'npm' },
  fixedVersions: [],
  ...extra,
});

const INPUT: ReportInput = {
  target: { name: 'registry.local/acme/app:1.4', format: 'oci-layout' },
  tool: { name: 'execops-scanner', version: '0.1.0' },
  components: [
    component('qs', '6.7.0', 'b/package-lock.json'),
    component('lodash', '4.17.20', 'a/package-lock.json'),
    component('lodash', '4.17.20', 'b/yarn.lock'),
  ],
  findings: [
    finding('GHSA-b', 'pkg:npm/qs@6.7.0', { fixedVersions: ['6.7.3'] }),
    finding('GHSA-a', 'pkg:npm/lodash@4.17.20', {
      aliases: ['CVE-2021-23337'],
      severity: 'high',
      score: 7.2,
      vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H',
      fixedVersions: ['4.17.21'],
    }),
    finding('GHSA-b', 'pkg:npm/lodash@4.17.20', { fixedVersions: ['4.17.21'] }),
  ],
  properties: [{ name: 'execops:feed:version', value: '2024.06.01' }],
};

describe('buildReport', () => {
  it('is byte-identical for the same scan whatever order analyzers and matches came in', () => {
    const shuffled = { ...INPUT, components: [...INPUT.components].reverse(), findings: [...INPUT.findings].reverse() };
    expect(buildReport(shuffled).json).toBe(buildReport(INPUT).json);
  });

  it('derives the serial number from the content (a valid RFC 4122 URN), not from the timestamp', () => {
    const { bom } = buildReport(INPUT);
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bom.metadata.timestamp).toBeUndefined();
    const timed = buildReport({ ...INPUT, timestamp: new Date('2026-12-02T10:00:00Z') }).bom;
    expect([timed.serialNumber, timed.metadata.timestamp]).toEqual([bom.serialNumber, '2026-12-02T10:00:00.000Z']);
    const changed = buildReport({ ...INPUT, components: INPUT.components.slice(1) }).bom;
    expect(changed.serialNumber).not.toBe(bom.serialNumber);
  });

  it('writes one component per purl with all its locations, sorted by purl', () => {
    const { bom } = buildReport(INPUT);
    expect(
      bom.components.map((c) => [
        c['bom-ref'],
        c.properties.filter((p) => p.name === 'execops:location').map((p) => p.value),
      ]),
    ).toEqual([
      ['pkg:npm/lodash@4.17.20', ['a/package-lock.json', 'b/yarn.lock']],
      ['pkg:npm/qs@6.7.0', ['b/package-lock.json']],
    ]);
    expect(bom.metadata.component).toEqual({
      type: 'container',
      'bom-ref': 'target',
      name: 'registry.local/acme/app:1.4',
    });
    expect(bom.metadata.properties).toEqual([
      { name: 'execops:target:format', value: 'oci-layout' },
      { name: 'execops:feed:version', value: '2024.06.01' },
    ]);
  });

  it('writes one vulnerability per advisory with its rating, aliases, fixes and affected components', () => {
    const { bom } = buildReport(INPUT);
    expect(bom.vulnerabilities).toEqual([
      {
        'bom-ref': 'vuln:GHSA-a',
        id: 'GHSA-a',
        source: { name: 'OSV', url: 'https://osv.dev/vulnerability/GHSA-a' },
        references: [{ id: 'CVE-2021-23337', source: { name: 'NVD' } }],
        ratings: [
          { severity: 'high', score: 7.2, method: 'CVSSv31', vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' },
        ],
        description: 'GHSA-a summary',
        recommendation: 'Upgrade to a fixed version: 4.17.21',
        affects: [{ ref: 'pkg:npm/lodash@4.17.20' }],
      },
      {
        'bom-ref': 'vuln:GHSA-b',
        id: 'GHSA-b',
        source: { name: 'OSV', url: 'https://osv.dev/vulnerability/GHSA-b' },
        references: [],
        ratings: [{ severity: 'medium' }],
        description: 'GHSA-b summary',
        recommendation: 'Upgrade to a fixed version: 4.17.21, 6.7.3',
        affects: [{ ref: 'pkg:npm/lodash@4.17.20' }, { ref: 'pkg:npm/qs@6.7.0' }],
      },
    ]);
  });
});
