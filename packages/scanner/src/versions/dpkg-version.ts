import { compareNumeric, InvalidVersionError, sign } from './compare.ts';

// Debian version order (deb-version(7), dpkg's verrevcmp): [epoch:]upstream[-revision]. Non-digit parts compare
// character by character with letters before non-letters and `~` before everything, even the end of the part;
// digit parts compare numerically.

interface DebVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

function parse(version: string): DebVersion {
  const text = version.trim();
  const colon = text.indexOf(':');
  const epoch = colon === -1 ? '0' : text.slice(0, colon);
  const rest = colon === -1 ? text : text.slice(colon + 1);
  const dash = rest.lastIndexOf('-');
  const upstream = dash === -1 ? rest : rest.slice(0, dash);
  const revision = dash === -1 ? '' : rest.slice(dash + 1);
  if (!/^\d+$/.test(epoch) || !/^[A-Za-z0-9][A-Za-z0-9.+~:-]*$/.test(upstream) || !/^[A-Za-z0-9.+~]*$/.test(revision)) {
    throw new InvalidVersionError('dpkg', version);
  }
  return { epoch, upstream, revision };
}

export function compareDpkg(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  return compareNumeric(x.epoch, y.epoch) || verrevcmp(x.upstream, y.upstream) || verrevcmp(x.revision, y.revision);
}

function charOrder(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const order = charOrder(isDigit(a[i]) ? undefined : a[i]) - charOrder(isDigit(b[j]) ? undefined : b[j]);
      if (order) return sign(order);
      i++;
      j++;
    }
    const startI = i;
    const startJ = j;
    while (isDigit(a[i])) i++;
    while (isDigit(b[j])) j++;
    const order = compareNumeric(a.slice(startI, i) || '0', b.slice(startJ, j) || '0');
    if (order) return order;
  }
  return 0;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
