import { describe, expect, it } from 'vitest';
import { compareFindings, type Finding } from '../../src/index.ts';
import { finding } from '../support/findings.ts';

const ids = (findings: readonly Finding[]) => findings.map((f) => `${f.advisoryId} ${f.component.purl}`);

describe('compareFindings', () => {
  it('splits findings into new, fixed and unchanged', () => {
    const baseline = [finding('GHSA-a', 'pkg:npm/lodash@4.17.20'), finding('GHSA-b', 'pkg:npm/qs@6.7.0')];
    const current = [finding('GHSA-a', 'pkg:npm/lodash@4.17.20'), finding('GHSA-c', 'pkg:npm/minimist@1.2.5')];
    const result = compareFindings(baseline, current);
    expect(ids(result.new)).toEqual(['GHSA-c pkg:npm/minimist@1.2.5']);
    expect(ids(result.fixed)).toEqual(['GHSA-b pkg:npm/qs@6.7.0']);
    expect(result.unchanged.map((u) => [u.baseline.advisoryId, u.current.component.purl])).toEqual([
      ['GHSA-a', 'pkg:npm/lodash@4.17.20'],
    ]);
  });

  it('counts a version bump that still has the advisory as unchanged, and a bump past the fix as fixed', () => {
    const baseline = [finding('GHSA-a', 'pkg:npm/lodash@4.17.19'), finding('GHSA-b', 'pkg:npm/qs@6.7.0')];
    const current = [finding('GHSA-a', 'pkg:npm/lodash@4.17.20')];
    const result = compareFindings(baseline, current);
    expect(result.new).toEqual([]);
    expect(ids(result.fixed)).toEqual(['GHSA-b pkg:npm/qs@6.7.0']);
    expect(result.unchanged.map((u) => [u.baseline.component.version, u.current.component.version])).toEqual([
      ['4.17.19', '4.17.20'],
    ]);
  });

  it('pairs an advisory republished under an alias, and keeps packages of other distros apart', () => {
    const baseline = [
      finding('GHSA-a', 'pkg:npm/lodash@4.17.20', ['CVE-2021-1']),
      finding('DSA-1', 'pkg:deb/debian/libc6@2.36-9?distro=debian-12'),
    ];
    const current = [
      finding('CVE-2021-1', 'pkg:npm/lodash@4.17.20', ['GHSA-a']),
      finding('DSA-1', 'pkg:deb/debian/libc6@2.36-9?distro=debian-13'),
    ];
    const result = compareFindings(baseline, current);
    expect(result.unchanged.map((u) => [u.baseline.advisoryId, u.current.advisoryId])).toEqual([
      ['GHSA-a', 'CVE-2021-1'],
    ]);
    expect(ids(result.new)).toEqual(['DSA-1 pkg:deb/debian/libc6@2.36-9?distro=debian-13']);
    expect(ids(result.fixed)).toEqual(['DSA-1 pkg:deb/debian/libc6@2.36-9?distro=debian-12']);
  });

  it('pairs each baseline finding at most once, the same version first whatever the order', () => {
    const baseline = [finding('GHSA-a', 'pkg:npm/minimist@1.2.5')];
    const current = [finding('GHSA-a', 'pkg:npm/minimist@0.0.8'), finding('GHSA-a', 'pkg:npm/minimist@1.2.5')];
    for (const ordered of [current, [...current].reverse()]) {
      const result = compareFindings(baseline, ordered);
      expect(result.unchanged.map((u) => u.current.component.purl)).toEqual(['pkg:npm/minimist@1.2.5']);
      expect(ids(result.new)).toEqual(['GHSA-a pkg:npm/minimist@0.0.8']);
    }
  });
});
