import { compareNumeric, InvalidVersionError, sign } from './compare.ts';

// PEP 440 version order, as the `packaging` library keys it: epoch, release (trailing zeros ignored), pre-release
// (a < b < rc; a dev-only release sorts before its pre-releases), post-release, dev-release, local label.

const PATTERN =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

interface Pep440 {
  epoch: string;
  release: string[];
  pre: [number, string] | null;
  post: string | null;
  dev: string | null;
  local: string[] | null;
}

const PRE_LABELS: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, pre: 2, preview: 2, rc: 2 };

function parse(version: string): Pep440 {
  const m = PATTERN.exec(version.trim());
  if (!m?.[2]) throw new InvalidVersionError('PEP 440', version);
  const release = m[2].split('.');
  while (release.length > 1 && /^0+$/.test(release[release.length - 1] ?? '')) release.pop();
  return {
    epoch: m[1] ?? '0',
    release,
    pre: m[3] ? [PRE_LABELS[m[3].toLowerCase()] ?? 0, m[4] ?? '0'] : null,
    post: m[5] ?? (m[6] ? (m[7] ?? '0') : null),
    dev: m[8] ? (m[9] ?? '0') : null,
    local: m[10] ? m[10].toLowerCase().split(/[-_.]/) : null,
  };
}

export const isPep440 = (version: string): boolean => PATTERN.test(version.trim());

export function comparePep440(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  return (
    compareNumeric(x.epoch, y.epoch) ||
    compareRelease(x.release, y.release) ||
    sign(preRank(x) - preRank(y)) ||
    comparePre(x, y) ||
    compareOptional(x.post, y.post, -1) ||
    compareOptional(x.dev, y.dev, 1) ||
    compareLocal(x.local, y.local)
  );
}

function compareRelease(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const order = compareNumeric(a[i] ?? '0', b[i] ?? '0');
    if (order) return order;
  }
  return 0;
}

/** 0: dev-only release (1.0.dev1), 1: a pre-release, 2: neither (final or post). */
function preRank(v: Pep440): number {
  if (v.pre) return 1;
  return v.post === null && v.dev !== null ? 0 : 2;
}

function comparePre(x: Pep440, y: Pep440): number {
  if (!x.pre || !y.pre) return 0;
  return sign(x.pre[0] - y.pre[0]) || compareNumeric(x.pre[1], y.pre[1]);
}

/** `absent` is where a missing segment sorts: -1 before any value (post), 1 after every value (dev). */
function compareOptional(a: string | null, b: string | null, absent: -1 | 1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? absent : -absent;
  return compareNumeric(a, b);
}

/** Local labels: absent sorts first; segment-wise, numbers beat strings, numbers by value, strings lexically. */
function compareLocal(a: string[] | null, b: string[] | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const p = a[i];
    const q = b[i];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    const [pNum, qNum] = [/^\d+$/.test(p), /^\d+$/.test(q)];
    const order = pNum && qNum ? compareNumeric(p, q) : pNum !== qNum ? (pNum ? 1 : -1) : p < q ? -1 : p > q ? 1 : 0;
    if (order) return order;
  }
  return 0;
}
