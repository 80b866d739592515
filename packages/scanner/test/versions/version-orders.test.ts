import { describe, expect, it } from 'vitest';
import { ecosystemOrder, InvalidVersionError, type VersionComparator } from '../../src/index.ts';

/** Asserts that each version sorts strictly before the next, in both argument orders. */
function expectAscending(compare: VersionComparator, versions: string[]): void {
  for (let i = 0; i + 1 < versions.length; i++) {
    const [a, b] = [versions[i] as string, versions[i + 1] as string];
    expect([a, b, compare(a, b)]).toEqual([a, b, -1]);
    expect([b, a, compare(b, a)]).toEqual([b, a, 1]);
  }
}

function expectEqual(compare: VersionComparator, pairs: [string, string][]): void {
  for (const [a, b] of pairs) expect([a, b, compare(a, b)]).toEqual([a, b, 0]);
}

const order = (ecosystem: string): VersionComparator => {
  const compare = ecosystemOrder(ecosystem);
  if (!compare) throw new Error(`no order for ${ecosystem}`);
  return compare;
};

describe('SemVer (npm, Go, crates.io)', () => {
  it('orders the precedence example of semver.org §11', () => {
    expectAscending(order('npm'), [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '2.0.0',
      '2.1.0',
      '2.1.1',
      '10.0.0',
    ]);
  });

  it('ignores build metadata and accepts the v prefix of Go modules, pseudo-versions included', () => {
    expectEqual(order('crates.io'), [['1.0.0+build.5', '1.0.0']]);
    expectEqual(order('Go'), [['v1.2.3', '1.2.3']]);
    expectAscending(order('Go'), [
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.0.0-20200101000000-abcdef012345',
      'v0.0.1',
    ]);
  });

  it('refuses what is not SemVer', () => {
    expect(() => order('npm')('1.0', '1.0.0')).toThrow(InvalidVersionError);
    expect(() => order('npm')('01.0.0', '1.0.0')).toThrow(InvalidVersionError);
  });
});

describe('PEP 440 (PyPI)', () => {
  it('orders the suffix example of PEP 440 ("Summary of permitted suffixes and relative ordering")', () => {
    expectAscending(order('PyPI'), [
      '1.dev0',
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.0.15',
      '1.1.dev1',
    ]);
  });

  it('normalises spellings and puts the epoch first', () => {
    expectEqual(order('PyPI'), [
      ['1.0', '1.0.0'],
      ['1.0alpha1', '1.0a1'],
      ['1.0-c1', '1.0rc1'],
      ['1.0-1', '1.0.post1'],
      ['1.0.rev2', '1.0.post2'],
      ['v1.0', '1.0'],
      ['1.0.DEV', '1.0.dev0'],
    ]);
    expectAscending(order('PyPI'), ['2024.1', '1!0.1']);
  });
});

describe('Debian dpkg order', () => {
  it('sorts ~ before everything, even the end of a part (deb-version(7))', () => {
    expectAscending(order('Debian:12'), ['1.0~~', '1.0~~a', '1.0~', '1.0', '1.0a', '1.0+b1', '1.0.1']);
  });

  it('compares epoch, then upstream, then revision, digit runs by value', () => {
    const compare = order('Debian');
    expectAscending(compare, ['1.9-1', '1.10-1', '1.10-2', '1.10-10', '2:0.1-1']);
    expectAscending(compare, ['2.36-9+deb12u3', '2.36-9+deb12u4', '2.36-10']);
    expectAscending(compare, ['7.88.1-10', '7.88.1-10+deb12u5', '1:7.0']);
    expectEqual(compare, [
      ['0:1.2-3', '1.2-3'],
      ['1.02', '1.2'],
    ]);
  });
});

describe('Alpine apk order', () => {
  // Cases from apk-tools' own test/version.data.
  it.each([
    ['1.1', '>', '1.1_alpha1'],
    ['1.3_alpha', '<', '1.3_alpha2'],
    ['0.8_beta1', '<', '0.8_beta2'],
    ['0.1.0_alpha_pre2', '<', '0.1.0_alpha'],
    ['1.3_pre1-r1', '<', '1.3.2'],
    ['0.10.0', '<', '0.10.1_rc1'],
    ['0.20070118', '<', '0.20070207_rc1'],
    ['3.1_p16', '<', '3.1_p17'],
    ['1.0_p10-r0', '>', '1.0_p9-r0'],
    ['1.8.5', '<', '1.8.5_p2'],
    ['4.5_p1', '<', '4.5_p1-r1'],
    ['4.2.52_p2-r1', '<', '4.2.52_p4-r2'],
    ['1.0.0_pre20191002222144-r0', '<', '1.0.0_pre20210530193627-r0'],
    ['1.2.2-r1', '>', '1.2.2'],
    ['1.3-r0', '<', '1.3.1-r0'],
    ['0.9.28-r2', '<', '0.9.28.1'],
    ['20050718-r1', '<', '20050718-r2'],
    ['1.7', '<', '1.7b'],
    ['2.5.1-r8', '<', '2.5.1a-r1'],
    ['2.3.0b-r1', '<', '2.3.0b-r2'],
    ['1.2.1', '>', '1.2'],
    ['7.0.17', '<', '7.0.174'],
    ['1.02', '<', '1.03-r1'],
    ['1.06-r6', '<', '006'],
    ['1.07-r1', '<', '1.07.5'],
    ['1.2.12.04', '<', '1.2.12.05'],
    ['2.0.6', '=', '2.0.6'],
  ])('%s %s %s', (a, op, b) => {
    const expected = op === '<' ? -1 : op === '>' ? 1 : 0;
    expect(order('Alpine:v3.19')(a, b)).toBe(expected);
    expect(order('Alpine:v3.19')(b, a)).toBe(-expected || 0);
  });

  it('compares revisions and numbers by value, and dotted leading zeros as fractions', () => {
    const compare = order('Alpine');
    expectAscending(compare, ['3.0.12-r0', '3.0.12-r9', '3.0.12-r10', '3.0.13-r0']);
    expectAscending(compare, ['1.001', '1.01', '1.1', '1.9', '1.10']);
  });

  it('refuses an unknown suffix', () => {
    expect(() => order('Alpine')('1.0_foo', '1.0')).toThrow(InvalidVersionError);
  });
});

describe('ecosystemOrder', () => {
  it('has no order for ecosystems the scanner does not know', () => {
    expect(ecosystemOrder('Hackage')).toBeNull();
  });
});
