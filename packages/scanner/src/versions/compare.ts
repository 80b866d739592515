/** Orders two versions of one ecosystem: negative, zero or positive. Throws `InvalidVersionError` when unparsable. */
export type VersionComparator = (a: string, b: string) => number;

export class InvalidVersionError extends Error {
  constructor(
    readonly scheme: string,
    readonly version: string,
  ) {
    super(`"${version}" is not a valid ${scheme} version`);
    this.name = 'InvalidVersionError';
  }
}

export const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Compares two strings of ASCII digits by value, however long (Go pseudo-versions carry 14-digit timestamps). */
export function compareNumeric(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  return x.length !== y.length ? sign(x.length - y.length) : x < y ? -1 : x > y ? 1 : 0;
}
