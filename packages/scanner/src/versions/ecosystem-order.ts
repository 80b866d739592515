import { normaliseEcosystem } from '../model/ecosystem-names.ts';
import { compareApk } from './apk-version.ts';
import type { VersionComparator } from './compare.ts';
import { compareDpkg } from './dpkg-version.ts';
import { comparePep440 } from './pep440.ts';
import { compareSemver } from './semver.ts';

/** The ECOSYSTEM-type version order of an OSV ecosystem (any case; release suffixes such as `:12` ignored), or null. */
export function ecosystemOrder(ecosystem: string): VersionComparator | null {
  const family = normaliseEcosystem(ecosystem).split(':')[0] ?? '';
  switch (family) {
    case 'npm':
    case 'Go':
    case 'crates.io':
      return compareSemver;
    case 'PyPI':
      return comparePep440;
    case 'Debian':
    case 'Ubuntu':
      return compareDpkg;
    case 'Alpine':
      return compareApk;
    default:
      return null;
  }
}

/** The order of an OSV range: SEMVER ranges always use SemVer 2.0; ECOSYSTEM ranges the ecosystem's own. */
export function rangeOrder(type: 'SEMVER' | 'ECOSYSTEM' | 'GIT', ecosystem: string): VersionComparator | null {
  if (type === 'SEMVER') return compareSemver;
  return type === 'ECOSYSTEM' ? ecosystemOrder(ecosystem) : null;
}
