import { compareNumeric, InvalidVersionError, sign } from './compare.ts';

// Alpine apk version order (apk-tools version.c): digits{.digits}[letter]{_suffix[n]}[-rN]. Suffixes _alpha, _beta,
// _pre, _rc sort before the plain release; _cvs, _svn, _git, _hg, _p after it. Tokens are compared pairwise; when one
// version runs out or the token kinds differ, the one continuing with a pre-release suffix is older, otherwise the
// one whose next token kind comes later (e.g. the end, or -r) is older: 1.0 < 1.0.1, 1.0-r1 < 1.0.1, 1.0a < 1.0.1.

const enum Kind {
  Digit = 1,
  Letter = 2,
  Suffix = 3,
  SuffixNumber = 4,
  Revision = 5,
  End = 6,
}

interface Token {
  kind: Kind;
  value: string;
  /** Components after the first that start with 0 compare as decimal fractions (1.01 < 1.1), as Gentoo's rule. */
  fractional?: boolean;
}

const SUFFIXES: Record<string, number> = { alpha: -4, beta: -3, pre: -2, rc: -1, cvs: 1, svn: 2, git: 3, hg: 4, p: 5 };

const GRAMMAR = /^(\d+(?:\.\d+)*)([a-z])?((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:-r(\d+))?$/;

function tokens(version: string): Token[] {
  const match = GRAMMAR.exec(version.trim());
  if (!match?.[1]) throw new InvalidVersionError('apk', version);
  const result: Token[] = match[1]
    .split('.')
    .map((value, i) => ({ kind: Kind.Digit, value, fractional: i > 0 && value.startsWith('0') }));
  if (match[2]) result.push({ kind: Kind.Letter, value: match[2] });
  for (const [, name, number] of (match[3] ?? '').matchAll(/_([a-z]+)(\d*)/g)) {
    result.push({ kind: Kind.Suffix, value: String(SUFFIXES[name ?? ''] ?? 0) });
    if (number) result.push({ kind: Kind.SuffixNumber, value: number });
  }
  if (match[4] !== undefined) result.push({ kind: Kind.Revision, value: match[4] });
  result.push({ kind: Kind.End, value: '' });
  return result;
}

export function compareApk(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  for (let i = 0; ; i++) {
    const p = x[i] ?? { kind: Kind.End, value: '' };
    const q = y[i] ?? { kind: Kind.End, value: '' };
    if (p.kind !== q.kind) {
      if (p.kind === Kind.Suffix && Number(p.value) < 0) return -1;
      if (q.kind === Kind.Suffix && Number(q.value) < 0) return 1;
      return p.kind > q.kind ? -1 : 1;
    }
    if (p.kind === Kind.End) return 0;
    const order = compareToken(p, q);
    if (order) return order;
  }
}

function compareToken(p: Token, q: Token): number {
  switch (p.kind) {
    case Kind.Letter:
      return p.value < q.value ? -1 : p.value > q.value ? 1 : 0;
    case Kind.Suffix:
      return sign(Number(p.value) - Number(q.value));
    case Kind.Digit:
      if (p.fractional || q.fractional) {
        const [f, g] = [p.value.replace(/0+$/, ''), q.value.replace(/0+$/, '')];
        return f < g ? -1 : f > g ? 1 : 0;
      }
      return compareNumeric(p.value, q.value);
    default:
      return compareNumeric(p.value, q.value);
  }
}
