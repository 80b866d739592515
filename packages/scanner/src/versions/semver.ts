import { compareNumeric, InvalidVersionError, sign } from './compare.ts';

// Semantic Versioning 2.0.0 (https://semver.org §11). A leading `v` is accepted because Go module versions carry
// one (v1.2.3) while OSV writes them without; build metadata is ignored for precedence.
const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

interface SemVer {
  core: [string, string, string];
  prerelease: string[];
}

function parse(version: string): SemVer {
  const match = SEMVER.exec(version.trim());
  if (!match) throw new InvalidVersionError('semver', version);
  return { core: [match[1] ?? '0', match[2] ?? '0', match[3] ?? '0'], prerelease: match[4] ? match[4].split('.') : [] };
}

export const isSemver = (version: string): boolean => SEMVER.test(version.trim());

export function compareSemver(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const order = compareNumeric(x.core[i] ?? '0', y.core[i] ?? '0');
    if (order) return order;
  }
  // A pre-release sorts before its release: 1.0.0-alpha < 1.0.0.
  if (!x.prerelease.length || !y.prerelease.length) return sign(y.prerelease.length) - sign(x.prerelease.length);
  for (let i = 0; i < Math.max(x.prerelease.length, y.prerelease.length); i++) {
    const p = x.prerelease[i];
    const q = y.prerelease[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const order = compareIdentifier(p, q);
    if (order) return order;
  }
  return 0;
}

/** Numeric identifiers compare by value and sort before alphanumeric ones, which compare in ASCII order. */
function compareIdentifier(p: string, q: string): number {
  const pNumeric = /^\d+$/.test(p);
  const qNumeric = /^\d+$/.test(q);
  if (pNumeric && qNumeric) return compareNumeric(p, q);
  if (pNumeric !== qNumeric) return pNumeric ? -1 : 1;
  return p < q ? -1 : p > q ? 1 : 0;
}
