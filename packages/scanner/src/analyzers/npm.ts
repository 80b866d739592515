import { npmPurl } from '../purl/purl.ts';
import { isJsonObject, objectEntries, parseJsonObject } from './json-lockfile.ts';
import { lockfileAnalyzer } from './lockfile-analyzer.ts';
import { baseName } from './lockfile-paths.ts';
import { registryPackage, type LockedPackage } from './locked-package.ts';
import { pnpmLockPackages } from './pnpm-lock.ts';
import { yarnLockPackages } from './yarn-lock.ts';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'];

export const npmAnalyzer = lockfileAnalyzer({
  id: 'npm',
  version: '1.0.0',
  ecosystem: 'npm',
  description: 'npm packages locked in package-lock.json (v1–v3), npm-shrinkwrap.json, yarn.lock and pnpm-lock.yaml',
  lockfile: (name) => LOCKFILES.includes(name),
  parse(path, text) {
    const name = baseName(path);
    if (name === 'yarn.lock') return dedupe(yarnLockPackages(text));
    return dedupe(name === 'pnpm-lock.yaml' ? pnpmLockPackages(text) : npmLockPackages(text, path));
  },
  purl: npmPurl,
});

/**
 * package-lock.json / npm-shrinkwrap.json. v2 and v3 list every installed package under `packages` keyed by its
 * `node_modules/…` path (the root "" and workspace links are skipped); v1 nests `dependencies` trees.
 */
function npmLockPackages(text: string, path: string): LockedPackage[] {
  const lock = parseJsonObject(text, path);
  if (isJsonObject(lock.packages)) {
    return objectEntries(lock.packages).flatMap(([key, entry]) => {
      const at = key.lastIndexOf('node_modules/');
      if (at === -1 || entry.link === true || typeof entry.version !== 'string') return [];
      const name = typeof entry.name === 'string' ? entry.name : key.slice(at + 'node_modules/'.length);
      return registryPackage(name, entry.version);
    });
  }
  const walk = (dependencies: unknown): LockedPackage[] =>
    objectEntries(dependencies).flatMap(([name, entry]) => [
      ...(typeof entry.version === 'string' ? registryPackage(name, entry.version) : []),
      ...walk(entry.dependencies),
    ]);
  return walk(lock.dependencies);
}

function dedupe(packages: LockedPackage[]): LockedPackage[] {
  const seen = new Map(packages.map((pkg) => [`${pkg.name}@${pkg.version}`, pkg]));
  return [...seen.values()];
}
