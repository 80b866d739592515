import { describe, expect, it } from 'vitest';
import { analyzerById, type Analyzer } from '../../src/index.ts';
import { fixtureFiles } from '../support/fixtures.ts';

const analyzer = (id: string): Analyzer => analyzerById(id) ?? (undefined as never);

describe('dpkg analyzer', () => {
  const dpkg = analyzer('dpkg');
  const files = fixtureFiles({ 'var/lib/dpkg/status': 'dpkg/status', 'usr/lib/os-release': 'dpkg/os-release' });

  it('wants the status database, distroless status.d files and os-release', () => {
    expect(
      ['var/lib/dpkg/status', 'var/lib/dpkg/status.d/tzdata', 'etc/os-release', 'usr/lib/os-release'].every(dpkg.wants),
    ).toBe(true);
    expect(
      ['var/lib/dpkg/status-old', 'var/lib/dpkg/status.d/tzdata.md5sums', 'srv/var/lib/dpkg/status'].some(dpkg.wants),
    ).toBe(false);
  });

  it('lists installed packages with the Debian release ecosystem, source packages and deb purls', () => {
    const { components, problems } = dpkg.analyze(files);
    expect(problems).toEqual([]);
    expect(components.map((c) => [c.name, c.version, c.ecosystem, c.source ?? null])).toEqual([
      ['base-files', '12.4+deb12u5', 'Debian:12', null],
      ['libc6', '2.36-9+deb12u3', 'Debian:12', { name: 'glibc', version: '2.36-9+deb12u3' }],
      ['libssl3', '3.0.11-1~deb12u2', 'Debian:12', { name: 'openssl', version: '3.0.11-1~deb12u2' }],
      ['zlib1g', '1:1.2.13.dfsg-1', 'Debian:12', { name: 'zlib', version: '1:1.2.13.dfsg-1' }],
      ['libgcc-s1', '12.2.0-14', 'Debian:12', { name: 'gcc-12', version: '12.2.0-14' }],
    ]);
    expect(components.find((c) => c.name === 'zlib1g')?.purl).toBe(
      'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12',
    );
    expect(components[1]?.purl).toBe('pkg:deb/debian/libc6@2.36-9%2Bdeb12u3?arch=amd64&distro=debian-12');
    expect(components.every((c) => c.analyzer === 'dpkg' && c.locations[0] === 'var/lib/dpkg/status')).toBe(true);
  });

  it('reads distroless per-package status files, which carry no Status field', () => {
    const distroless = new Map([
      ['var/lib/dpkg/status.d/tzdata', Buffer.from('Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n')],
      ['etc/os-release', Buffer.from('ID=debian\nVERSION_ID="12"\n')],
    ]);
    expect(dpkg.analyze(distroless).components.map((c) => [c.purl, c.locations])).toEqual([
      ['pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12', ['var/lib/dpkg/status.d/tzdata']],
    ]);
  });

  it('names Ubuntu releases and falls back to the bare family without os-release', () => {
    const ubuntu = new Map(files).set(
      'usr/lib/os-release',
      Buffer.from('ID=ubuntu\nVERSION_ID="22.04"\nVERSION="22.04.3 LTS (Jammy Jellyfish)"\n'),
    );
    const [first] = dpkg.analyze(ubuntu).components;
    expect([first?.ecosystem, first?.purl]).toEqual([
      'Ubuntu:22.04:LTS',
      'pkg:deb/ubuntu/base-files@12.4%2Bdeb12u5?arch=amd64&distro=ubuntu-22.04',
    ]);
    const interim = new Map(files).set('usr/lib/os-release', Buffer.from('ID=ubuntu\nVERSION_ID="23.10"\n'));
    expect(dpkg.analyze(interim).components[0]?.ecosystem).toBe('Ubuntu:23.10');
    const bare = new Map([...files].filter(([path]) => path.startsWith('var/')));
    expect(dpkg.analyze(bare).components[0]?.ecosystem).toBe('Debian');
  });
});

describe('apk analyzer', () => {
  const apk = analyzer('apk');

  it('lists installed packages with the Alpine release ecosystem, origins and apk purls', () => {
    const files = fixtureFiles({ 'lib/apk/db/installed': 'apk/installed', 'etc/os-release': 'apk/os-release' });
    const { components, problems } = apk.analyze(files);
    expect(problems).toEqual([]);
    expect(components.map((c) => [c.name, c.version, c.ecosystem, c.source?.name ?? null, c.purl])).toEqual([
      [
        'musl',
        '1.2.4_git20230717-r4',
        'Alpine:v3.19',
        null,
        'pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1',
      ],
      [
        'libcrypto3',
        '3.1.4-r5',
        'Alpine:v3.19',
        'openssl',
        'pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1',
      ],
      [
        'busybox',
        '1.36.1-r15',
        'Alpine:v3.19',
        null,
        'pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1',
      ],
    ]);
  });
});
