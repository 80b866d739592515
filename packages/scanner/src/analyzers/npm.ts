import { npmPurl } from '../purl/purl.ts';
import { analyzeEach, MalformedFileError, type Analyzer, type AnalyzerFiles } from './analyzer.ts';
import { baseName, lockfileNamed } from './lockfile-paths.ts';
import { registryPackage, type LockedPackage } from './locked-package.ts';
import { pnpmLockPackages } from './pnpm-lock.ts';
import { yarnLockPackages } from './yarn-lock.ts';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'];

export const npmAnalyzer: Analyzer = {
  id: 'npm',
  version: '1.0.0',
  kind: 'lang',
  ecosystem: 'npm',
  description: 'npm packages locked in package-lock.json (v1–v3), npm-shrinkwrap.json, yarn.lock and pnpm-lock.yaml',
  wants: lockfileNamed((name) => LOCKFILES.includes(name)),
  analyze(files: AnalyzerFiles) {
    return analyzeEach(files, (path, text) => {
      const name = baseName(path);
      const locked =
        name === 'yarn.lock'
          ? yarnLockPackages(text)
          : name === 'pnpm-lock.yaml'
            ? pnpmLockPackages(text)
            : npmLockPackages(text, path);
      return dedupe(locked).map((pkg) => ({
        analyzer: 'npm',
        ecosystem: 'npm',
        name: pkg.name,
        version: pkg.version,
        purl: npmPurl(pkg.name, pkg.version),
        locations: [path],
      }));
    });
  },
};

type LockEntry = { version?: unknown; name?: unknown; link?: unknown; dependencies?: unknown };

/**
 * package-lock.json / npm-shrinkwrap.json. v2 and v3 list every installed package under `packages` keyed by its
 * `node_modules/…` path (the root "" and workspace links are skipped); v1 nests `dependencies` trees.
 */
function npmLockPackages(text: string, path: string): LockedPackage[] {
  let lock: { packages?: Record<string, LockEntry>; dependencies?: Record<string, LockEntry> };
  try {
    lock = JSON.parse(text) as typeof lock;
  } catch {
    throw new MalformedFileError(`${path} is not valid JSON`);
  }
  if (lock.packages && typeof lock.packages === 'object') {
    return Object.entries(lock.packages).flatMap(([key, entry]) => {
      const at = key.lastIndexOf('node_modules/');
      if (at === -1 || entry.link === true || typeof entry.version !== 'string') return [];
      const name = typeof entry.name === 'string' ? entry.name : key.slice(at + 'node_modules/'.length);
      return registryPackage(name, entry.version);
    });
  }
  const walk = (dependencies: unknown): LockedPackage[] =>
    Object.entries((dependencies ?? {}) as Record<string, LockEntry>).flatMap(([name, entry]) => [
      ...(typeof entry.version === 'string' ? registryPackage(name, entry.version) : []),
      ...walk(entry.dependencies),
    ]);
  return walk(lock.dependencies);
}

function dedupe(packages: LockedPackage[]): LockedPackage[] {
  const seen = new Map(packages.map((pkg) => [`${pkg.name}@${pkg.version}`, pkg]));
  return [...seen.values()];
}
