import { describe, expect, it } from 'vitest';
import { matchComponents, type Component } from '../../src/index.ts';
import { advisory, memoryLookup } from '../support/advisories.ts';

const component = (
  partial: Partial<Component> & Pick<Component, 'ecosystem' | 'name' | 'version' | 'purl'>,
): Component => ({
  analyzer: 'test',
  locations: ['lockfile'],
  ...partial,
});

const lodash = component({ ecosystem: 'npm', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' });
const libc6 = component({
  ecosystem: 'Debian:12',
  name: 'libc6',
  version: '2.36-9+deb12u3',
  purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u3?arch=amd64&distro=debian-12',
  source: { name: 'glibc', version: '2.36-9+deb12u3' },
});
const django = component({ ecosystem: 'PyPI', name: 'Django', version: '3.2.12', purl: 'pkg:pypi/django@3.2.12' });

const LODASH_GHSA = advisory(
  'GHSA-35jh-r3h4-6jhm',
  'npm',
  'lodash',
  { fixed: '4.17.21', type: 'SEMVER' },
  {
    aliases: ['CVE-2021-23337'],
    summary: 'Command Injection in lodash',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
  },
);

describe('matchComponents', () => {
  it('finds affected components with severity, fixed versions and the component identity', async () => {
    const lookup = memoryLookup([LODASH_GHSA, advisory('GHSA-old', 'npm', 'lodash', { fixed: '4.17.12' })]);
    const { findings } = await matchComponents([lodash], lookup);
    expect(findings).toEqual([
      {
        advisoryId: 'GHSA-35jh-r3h4-6jhm',
        aliases: ['CVE-2021-23337'],
        summary: 'Command Injection in lodash',
        severity: 'high',
        score: 7.2,
        vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H',
        component: { purl: 'pkg:npm/lodash@4.17.20', name: 'lodash', version: '4.17.20', ecosystem: 'npm' },
        fixedVersions: ['4.17.21'],
      },
    ]);
  });

  it('matches Debian advisories by source package and release, not another release', async () => {
    const lookup = memoryLookup([
      advisory('DSA-5514-1', 'Debian:12', 'glibc', { fixed: '2.36-9+deb12u4' }),
      advisory('DSA-5500-1', 'Debian:12', 'glibc', { fixed: '2.36-9+deb12u3' }),
      advisory('DSA-5300-1', 'Debian:11', 'glibc', { fixed: '2.31-13+deb11u9' }),
      advisory('DSA-4000-1', 'Debian:12', 'libc6', { fixed: '9.9' }),
    ]);
    const { findings } = await matchComponents([libc6], lookup);
    expect(findings.map((f) => [f.advisoryId, f.component.name, f.fixedVersions])).toEqual([
      ['DSA-5514-1', 'libc6', ['2.36-9+deb12u4']],
    ]);
    expect(lookup.calls).toEqual(['Debian:12/glibc']);
  });

  it('normalises PyPI names and ecosystem spelling, and looks each package up once', async () => {
    const lookup = memoryLookup([advisory('PYSEC-2022-1', 'pypi', 'DJANGO', { fixed: '3.2.13' })]);
    const twice = [django, { ...django, locations: ['other/requirements.txt'] }];
    const { findings } = await matchComponents(twice, lookup);
    expect(findings.map((f) => f.advisoryId)).toEqual(['PYSEC-2022-1']);
    expect(lookup.calls).toEqual(['PyPI/django']);
  });

  it('matches a Go advisory naming a package inside the module the analyzer reports, not a look-alike module', async () => {
    const text = component({ ecosystem: 'Go', name: 'golang.org/x/text', version: 'v0.3.5', purl: 'pkg:golang/golang.org/x/text@v0.3.5' });
    const lookup = memoryLookup([
      advisory('GHSA-69ch-w2m2-3vjp', 'Go', 'golang.org/x/text/language', { fixed: '0.3.7', type: 'SEMVER' }),
      advisory('GHSA-other', 'Go', 'golang.org/x/textual', { fixed: '9.9.9', type: 'SEMVER' }),
    ]);
    const { findings } = await matchComponents([text], lookup);
    expect(findings.map((f) => [f.advisoryId, f.component.name, f.fixedVersions])).toEqual([
      ['GHSA-69ch-w2m2-3vjp', 'golang.org/x/text', ['0.3.7']],
    ]);
  });

  it('skips withdrawn advisories and folds aliases of one another into one finding', async () => {
    const lookup = memoryLookup([
      LODASH_GHSA,
      advisory('CVE-2021-23337', 'npm', 'lodash', { fixed: '4.17.21' }, { aliases: ['GHSA-35jh-r3h4-6jhm'] }),
      advisory('GHSA-withdrawn', 'npm', 'lodash', {}, { withdrawn: '2024-02-01T00:00:00Z' }),
    ]);
    const result = await matchComponents([lodash], lookup);
    expect(result.findings.map((f) => [f.advisoryId, f.aliases])).toEqual([
      ['CVE-2021-23337', ['GHSA-35jh-r3h4-6jhm']],
    ]);
    expect(result.withdrawnSkipped).toBe(1);
  });

  it('reports advisories it cannot evaluate instead of guessing', async () => {
    const weird = component({ ecosystem: 'npm', name: 'lodash', version: 'latest', purl: 'pkg:npm/lodash@latest' });
    const result = await matchComponents([weird], memoryLookup([LODASH_GHSA]));
    expect(result.findings).toEqual([]);
    expect(result.unevaluated).toEqual([
      {
        advisoryId: 'GHSA-35jh-r3h4-6jhm',
        purl: 'pkg:npm/lodash@latest',
        reason: '"latest" is not a valid semver version',
      },
    ]);
  });
});
