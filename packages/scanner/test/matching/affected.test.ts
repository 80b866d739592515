import { describe, expect, it } from 'vitest';
import { evaluateAffected, OsvAffected, type OsvEvent } from '../../src/index.ts';

const entry = (
  ecosystem: string,
  ranges: { type: 'SEMVER' | 'ECOSYSTEM' | 'GIT'; events: OsvEvent[] }[],
  versions?: string[],
) => OsvAffected.parse({ package: { ecosystem, name: 'pkg' }, ranges, ...(versions ? { versions } : {}) });

const affected = (e: OsvAffected, version: string) => evaluateAffected(e, version).affected;

describe('evaluateAffected (OSV range evaluation)', () => {
  it('opens at introduced (0 = the beginning) and closes at fixed', () => {
    const e = entry('npm', [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.2' }] }]);
    expect(affected(e, '0.0.1')).toBe(true);
    expect(affected(e, '1.0.1')).toBe(true);
    expect(affected(e, '1.0.2')).toBe(false);
    expect(affected(e, '1.0.2-beta.1')).toBe(true);
    expect(evaluateAffected(e, '1.0.1')).toEqual({ affected: true, fixedVersions: ['1.0.2'] });
  });

  it('walks several introduced/fixed pairs of one range in version order, whatever order they are listed in', () => {
    const e = entry('crates.io', [
      {
        type: 'SEMVER',
        events: [{ introduced: '2.0.0' }, { fixed: '1.2.0' }, { fixed: '2.3.0' }, { introduced: '1.0.0' }],
      },
    ]);
    expect(['0.9.0', '1.0.0', '1.1.9', '1.2.0', '1.9.0', '2.0.0', '2.2.9', '2.3.0'].map((v) => affected(e, v))).toEqual(
      [false, true, true, false, false, true, true, false],
    );
  });

  it('keeps last_affected itself affected and closes after it', () => {
    const e = entry('Go', [{ type: 'SEMVER', events: [{ introduced: '1.1.0' }, { last_affected: '1.5.0' }] }]);
    expect(affected(e, 'v1.0.9')).toBe(false);
    expect(affected(e, 'v1.5.0')).toBe(true);
    expect(affected(e, 'v1.5.1')).toBe(false);
  });

  it('caps a range with limit (a version at or above every limit is outside)', () => {
    const e = entry('npm', [{ type: 'SEMVER', events: [{ introduced: '0' }, { limit: '2.0.0' }] }]);
    expect(affected(e, '1.9.9')).toBe(true);
    expect(affected(e, '2.0.0')).toBe(false);
    const open = entry('npm', [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '*' }] }]);
    expect(affected(open, '9.0.0')).toBe(true);
  });

  it('matches the versions list, by the ecosystem order where spellings differ', () => {
    const e = entry('PyPI', [], ['1.0', '1.1rc1']);
    expect(affected(e, '1.0.0')).toBe(true);
    expect(affected(e, '1.1-rc1')).toBe(true);
    expect(affected(e, '1.1')).toBe(false);
  });

  it('evaluates ECOSYSTEM ranges in the ecosystem order: PEP 440, dpkg, apk', () => {
    const pypi = entry('PyPI', [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0rc1' }] }]);
    expect(affected(pypi, '2.0.dev3')).toBe(true);
    expect(affected(pypi, '2.0')).toBe(false);
    const debian = entry('Debian:12', [
      { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.36-9+deb12u4' }] },
    ]);
    expect(affected(debian, '2.36-9+deb12u3')).toBe(true);
    expect(affected(debian, '2.36-9+deb12u10')).toBe(false);
    const alpine = entry('Alpine:v3.19', [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.1.4-r5' }] }]);
    expect(affected(alpine, '3.1.4-r4')).toBe(true);
    expect(affected(alpine, '3.1.4_p1-r0')).toBe(false);
  });

  it('says unknown when nothing can be evaluated, and false when something else decided', () => {
    expect(affected(entry('npm', [{ type: 'GIT', events: [{ introduced: 'abc123' }] }]), '1.0.0')).toBe(false);
    expect(evaluateAffected(entry('Hackage', [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }]), '1.0')).toEqual({
      affected: 'unknown',
      reason: 'no version order for ecosystem Hackage',
    });
    const bad = evaluateAffected(
      entry('npm', [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }]),
      'latest',
    );
    expect(bad).toEqual({ affected: 'unknown', reason: '"latest" is not a valid semver version' });
  });
});
