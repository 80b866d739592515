import { registryPackage, type LockedPackage } from './locked-package.ts';

/**
 * pnpm-lock.yaml, read from the keys of its `packages:` map without a YAML parser: `/name/1.0.0` (v5),
 * `/name@1.0.0(peer@2.0.0)` (v6) and `name@1.0.0` (v9), scoped names quoted or not.
 */
export function pnpmLockPackages(text: string): LockedPackage[] {
  const packages: LockedPackage[] = [];
  let inPackages = false;
  for (const line of text.split(/\r?\n/)) {
    if (!/^\s/.test(line) && line.trim() !== '') inPackages = line.trim() === 'packages:';
    const key = inPackages ? /^ {2}(['"]?)([^\s'"][^'"]*)\1:\s*$/.exec(line)?.[2] : undefined;
    if (!key) continue;
    const spec = key.replace(/^\//, '').replace(/\(.*$/, '');
    const at = spec.indexOf('@', 1);
    if (at !== -1) {
      packages.push(...registryPackage(spec.slice(0, at), spec.slice(at + 1)));
    } else {
      const slash = spec.lastIndexOf('/');
      if (slash > 0) packages.push(...registryPackage(spec.slice(0, slash), spec.slice(slash + 1)));
    }
  }
  return packages;
}
