import { readFileSync } from 'node:fs';

/** The content of a file under test/fixtures. */
export const fixture = (path: string): Buffer => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));

/** Target files (target path → fixture path) as an analyzer receives them. */
export const fixtureFiles = (files: Record<string, string>): Map<string, Buffer> =>
  new Map(Object.entries(files).map(([target, path]) => [target, fixture(path)]));
