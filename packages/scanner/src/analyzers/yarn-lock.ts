import { registryPackage, type LockedPackage } from './locked-package.ts';

/**
 * yarn.lock, classic (v1: `version "1.2.3"`) and berry (v2+: `version: 1.2.3`). Each entry starts with an
 * unindented line of specifiers (`"@babel/core@^7.0.0", "@babel/core@^7.1.0":`); berry's workspace, link and
 * portal entries are the project's own and skipped.
 */
export function yarnLockPackages(text: string): LockedPackage[] {
  const packages: LockedPackage[] = [];
  let name: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const spec = line.replace(/:$/, '').split(',')[0]?.trim().replace(/^"|"$/g, '') ?? '';
      const at = spec.indexOf('@', 1);
      name =
        spec === '__metadata' || at === -1 || /@(workspace|link|portal|file):/.test(spec) ? null : spec.slice(0, at);
      continue;
    }
    const version = /^\s+version:? "?([^"\s]+)"?\s*$/.exec(line)?.[1];
    if (name && version) {
      packages.push(...registryPackage(name, version));
      name = null;
    }
  }
  return packages;
}
