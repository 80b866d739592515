import { describe, expect, it } from 'vitest';
import {
  analyzerCacheKey,
  BUILTIN_ANALYZERS,
  buildReport,
  compareFindings,
  filesFor,
  matchComponents,
  resolveTarget,
  wantedByAny,
  type Component,
  type TargetLimits,
} from '../src/index.ts';
import { advisory, memoryLookup } from './support/advisories.ts';
import { fixture } from './support/fixtures.ts';
import { buildOciLayout } from './support/image-builder.ts';
import type { RawTarEntry } from './support/tar-builder.ts';

const LIMITS: TargetLimits = { maxTargetBytes: 4 * 1024 * 1024, maxEntries: 1000, maxFileBytes: 1024 * 1024 };

const FEED = memoryLookup([
  advisory('DSA-5514-1', 'Debian:12', 'glibc', { fixed: '2.36-9+deb12u4' }, { summary: 'glibc security update' }),
  advisory(
    'GHSA-35jh-r3h4-6jhm',
    'npm',
    'lodash',
    { fixed: '4.17.21', type: 'SEMVER' },
    { aliases: ['CVE-2021-23337'] },
  ),
  advisory('GHSA-xvch-5gv4-984h', 'npm', 'minimist', { fixed: '1.2.6', type: 'SEMVER' }),
]);

const BASE: RawTarEntry[] = [
  { path: 'usr/lib/os-release', content: fixture('dpkg/os-release') },
  { path: 'var/lib/dpkg/status', content: fixture('dpkg/status') },
  { path: 'srv/app/package-lock.json', content: fixture('npm/package-lock.v1.json') },
  { path: 'srv/api/package-lock.json', content: fixture('npm/package-lock.v2.json') },
];

async function scan(layers: RawTarEntry[][]) {
  const analyzers = BUILTIN_ANALYZERS;
  const target = await resolveTarget(
    { kind: 'archive', data: buildOciLayout(layers) },
    { limits: LIMITS, wants: wantedByAny(analyzers) },
  );
  const components: Component[] = [];
  const cacheKeys: Record<string, string> = {};
  for (const analyzer of analyzers) {
    const files = filesFor(analyzer, target.files);
    cacheKeys[analyzer.id] = analyzerCacheKey(analyzer, files);
    components.push(...analyzer.analyze(files).components);
  }
  const { findings } = await matchComponents(components, FEED);
  const report = buildReport({
    target: { name: 'acme/app', format: target.format },
    components,
    findings,
    tool: { name: 'execops-scanner', version: '0.1.0' },
  });
  return { components, findings, report, cacheKeys };
}

describe('scan pipeline over the library', () => {
  it('finds OS and language findings in an image, and a rescan after an upgrade layer shows the difference', async () => {
    const before = await scan([BASE]);
    expect(before.findings.map((f) => `${f.advisoryId} ${f.component.name}@${f.component.version}`)).toEqual([
      'DSA-5514-1 libc6@2.36-9+deb12u3',
      'GHSA-35jh-r3h4-6jhm lodash@4.17.20',
      'GHSA-xvch-5gv4-984h minimist@0.0.8',
      'GHSA-xvch-5gv4-984h minimist@1.2.5',
    ]);
    expect(before.report.bom.components).toHaveLength(before.components.length);

    const status = fixture('dpkg/status').toString().replace('Version: 2.36-9+deb12u3', 'Version: 2.36-9+deb12u4');
    const upgrade: RawTarEntry[] = [
      { path: 'var/lib/dpkg/status', content: status },
      { path: 'srv/api/.wh.package-lock.json', content: '' },
    ];
    const after = await scan([BASE, upgrade]);
    const diff = compareFindings(before.findings, after.findings);
    expect(diff.fixed.map((f) => `${f.advisoryId} ${f.component.name}@${f.component.version}`)).toEqual([
      'DSA-5514-1 libc6@2.36-9+deb12u3',
      'GHSA-xvch-5gv4-984h minimist@0.0.8',
      'GHSA-xvch-5gv4-984h minimist@1.2.5',
    ]);
    expect(diff.unchanged.map((u) => u.current.advisoryId)).toEqual(['GHSA-35jh-r3h4-6jhm']);
    expect(diff.new).toEqual([]);

    // Only the analyzers whose inputs changed get a new cache key.
    const changed = Object.keys(before.cacheKeys).filter((id) => before.cacheKeys[id] !== after.cacheKeys[id]);
    expect(changed).toEqual(['dpkg', 'npm']);
    expect((await scan([BASE])).report.json).toBe(before.report.json);
  });
});
