import { InvalidVersionError, sign } from './compare.ts';

// Alpine apk version order, ported from apk-tools 2 (src/version.c): digit{.digit}[letter]{_suffix[n]}[-rN].
// Suffixes _alpha, _beta, _pre, _rc sort before the plain release; _cvs, _svn, _git, _hg, _p after it. A dotted
// component with leading zeros scores minus its zero count (1.01 < 1.1). Tokens compare pairwise while their kinds
// agree; then the version continuing with a pre-release suffix is older, else the one whose next token kind comes
// later (the end, -r) is older: 1.0 < 1.0.1, 1.0-r1 < 1.0.1, 1.0a < 1.0.1.

const INVALID = -1;
const DIGIT_OR_ZERO = 0;
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NO = 4;
const REVISION_NO = 5;
const END = 6;

const PRE_SUFFIXES = ['alpha', 'beta', 'pre', 'rc'];
const POST_SUFFIXES = ['cvs', 'svn', 'git', 'hg', 'p'];

interface Cursor {
  text: string;
  at: number;
  type: number;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLower = (c: string | undefined): boolean => c !== undefined && c >= 'a' && c <= 'z';

function nextToken(cursor: Cursor): void {
  const c = cursor.text[cursor.at];
  let next = INVALID;
  if (c === undefined) {
    next = END;
  } else if ((cursor.type === DIGIT || cursor.type === DIGIT_OR_ZERO) && isLower(c)) {
    next = LETTER;
  } else if (cursor.type === LETTER && isDigit(c)) {
    next = DIGIT;
  } else if (cursor.type === SUFFIX && isDigit(c)) {
    next = SUFFIX_NO;
  } else {
    if (c === '.') next = DIGIT_OR_ZERO;
    else if (c === '_') next = SUFFIX;
    else if (c === '-' && cursor.text[cursor.at + 1] === 'r') {
      next = REVISION_NO;
      cursor.at++;
    }
    cursor.at++;
  }
  const backwards = next < cursor.type;
  const allowed =
    (next === DIGIT_OR_ZERO && cursor.type === DIGIT) ||
    (next === SUFFIX && cursor.type === SUFFIX_NO) ||
    (next === DIGIT && cursor.type === LETTER);
  cursor.type = backwards && !allowed ? INVALID : next;
}

function getToken(cursor: Cursor): number {
  const { text } = cursor;
  if (cursor.at >= text.length) {
    cursor.type = END;
    return 0;
  }
  let value = 0;
  let length = 0;
  let nextType = INVALID;
  const digits = () => {
    while (isDigit(text[cursor.at + length])) value = value * 10 + Number(text[cursor.at + length++]);
  };
  switch (cursor.type) {
    case DIGIT_OR_ZERO:
      if (text[cursor.at] === '0') {
        while (text[cursor.at + length] === '0') length++;
        nextType = DIGIT;
        value = -length;
      } else {
        digits();
      }
      break;
    case DIGIT:
    case SUFFIX_NO:
    case REVISION_NO:
      digits();
      break;
    case LETTER:
      value = text.charCodeAt(cursor.at);
      length = 1;
      break;
    case SUFFIX: {
      const rest = text.slice(cursor.at);
      const pre = PRE_SUFFIXES.findIndex((s) => rest.startsWith(s));
      const post = POST_SUFFIXES.findIndex((s) => rest.startsWith(s));
      if (pre !== -1) [value, length] = [pre - PRE_SUFFIXES.length, PRE_SUFFIXES[pre]?.length ?? 0];
      else if (post !== -1) [value, length] = [post, POST_SUFFIXES[post]?.length ?? 0];
      else return invalid(cursor);
      break;
    }
    default:
      return invalid(cursor);
  }
  cursor.at += length;
  if (cursor.at >= text.length) cursor.type = END;
  else if (nextType !== INVALID) cursor.type = nextType;
  else nextToken(cursor);
  return value;
}

function invalid(cursor: Cursor): number {
  cursor.type = INVALID;
  return -1;
}

function validated(version: string): string {
  const cursor: Cursor = { text: version.trim(), at: 0, type: DIGIT };
  while (cursor.type !== END && cursor.type !== INVALID) getToken(cursor);
  if (cursor.type === INVALID || !isDigit(cursor.text[0])) throw new InvalidVersionError('apk', version);
  return cursor.text;
}

export function compareApk(a: string, b: string): number {
  const x: Cursor = { text: validated(a), at: 0, type: DIGIT };
  const y: Cursor = { text: validated(b), at: 0, type: DIGIT };
  let xv = 0;
  let yv = 0;
  while (x.type === y.type && x.type !== END && xv === yv) {
    xv = getToken(x);
    yv = getToken(y);
  }
  if (xv !== yv) return sign(xv - yv);
  if (x.type === y.type) return 0;
  if (x.type === SUFFIX && getToken({ ...x }) < 0) return -1;
  if (y.type === SUFFIX && getToken({ ...y }) < 0) return 1;
  return x.type > y.type ? -1 : 1;
}
