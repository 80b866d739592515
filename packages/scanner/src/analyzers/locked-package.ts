/** A package pinned by a lockfile. */
export interface LockedPackage {
  name: string;
  version: string;
}

/** A registry package, resolving `npm:real@1.0.0` aliases; git, file and link versions are not registry packages. */
export function registryPackage(name: string, version: string): LockedPackage[] {
  const alias = /^npm:(.+)@([^@]+)$/.exec(version);
  if (alias?.[1] && alias[2]) return [{ name: alias[1], version: alias[2] }];
  return /^\d/.test(version) ? [{ name, version }] : [];
}
