import type { VersionScheme } from '@execops/contract';
import { normaliseEcosystem } from '../model/ecosystem-names.ts';
import { compareApk } from './apk-version.ts';
import type { VersionComparator } from './compare.ts';
import { compareDpkg } from './dpkg-version.ts';
import { comparePep440 } from './pep440.ts';
import { compareSemver } from './semver.ts';

/** The version order of an OSV ecosystem's ECOSYSTEM ranges, or null when none is known. */
export type EcosystemOrder = (ecosystem: string) => VersionComparator | null;

const SCHEMES: Readonly<Record<VersionScheme, VersionComparator>> = {
  semver: compareSemver,
  pep440: comparePep440,
  dpkg: compareDpkg,
  apk: compareApk,
};

export const schemeOrder = (scheme: VersionScheme): VersionComparator => SCHEMES[scheme];

const BUILTIN_SCHEMES: Readonly<Record<string, VersionScheme>> = {
  npm: 'semver',
  Go: 'semver',
  'crates.io': 'semver',
  PyPI: 'pep440',
  Debian: 'dpkg',
  Ubuntu: 'dpkg',
  Alpine: 'apk',
};

/** The ecosystem family: `Debian:12` → `Debian`, any case normalised. */
export const ecosystemFamily = (ecosystem: string): string => normaliseEcosystem(ecosystem).split(':')[0] ?? '';

/** The scheme the scanner itself orders an ecosystem family by, or null. */
export const builtinScheme = (ecosystem: string): VersionScheme | null => BUILTIN_SCHEMES[ecosystemFamily(ecosystem)] ?? null;

/** The ECOSYSTEM-type version order of an OSV ecosystem (any case; release suffixes such as `:12` ignored), or null. */
export const ecosystemOrder: EcosystemOrder = (ecosystem) => {
  const scheme = builtinScheme(ecosystem);
  return scheme ? SCHEMES[scheme] : null;
};

/** The order of an OSV range: SEMVER ranges always use SemVer 2.0; ECOSYSTEM ranges the ecosystem's own. */
export function rangeOrder(type: 'SEMVER' | 'ECOSYSTEM' | 'GIT', ecosystem: string, orderOf: EcosystemOrder = ecosystemOrder): VersionComparator | null {
  if (type === 'SEMVER') return compareSemver;
  return type === 'ECOSYSTEM' ? orderOf(ecosystem) : null;
}
