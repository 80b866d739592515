/** The distribution of an OS image, from /etc/os-release (or /usr/lib/os-release). */
export interface Distro {
  /** `ID` of os-release: `debian`, `ubuntu`, `alpine`, … */
  id: string;
  /** `VERSION_ID`: `12`, `22.04`, `3.19.1`; empty when absent (Debian testing/sid). */
  versionId: string;
  /** `VERSION`: `22.04.3 LTS (Jammy Jellyfish)`; empty when absent. */
  version: string;
}

export const OS_RELEASE_PATHS: readonly string[] = ['etc/os-release', 'usr/lib/os-release'];

/** Parses the shell-style `KEY=value` lines of os-release (quotes removed). */
export function parseOsRelease(text: string): Distro | null {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) values.set(match[1], match[2].replace(/^(["'])(.*)\1$/, '$2'));
  }
  const id = values.get('ID');
  return id
    ? { id: id.toLowerCase(), versionId: values.get('VERSION_ID') ?? '', version: values.get('VERSION') ?? '' }
    : null;
}

/** The first readable os-release among the given files (etc/ wins over usr/lib/, as on a running system). */
export function distroOf(files: ReadonlyMap<string, Buffer>): Distro | null {
  for (const path of OS_RELEASE_PATHS) {
    const content = files.get(path);
    const distro = content ? parseOsRelease(content.toString('utf8')) : null;
    if (distro) return distro;
  }
  return null;
}

/**
 * The OSV ecosystem of a distribution's packages: `Debian:12`, `Ubuntu:22.04:LTS` (OSV marks LTS releases),
 * `Alpine:v3.19` (major.minor with a `v`). Without a release the bare family name is returned.
 */
export function osEcosystem(family: 'Debian' | 'Alpine', distro: Distro | null): string {
  if (family === 'Alpine') {
    const release = /^(\d+)\.(\d+)/.exec(distro?.versionId ?? '');
    return release ? `Alpine:v${release[1]}.${release[2]}` : 'Alpine';
  }
  if (distro?.id === 'ubuntu' && distro.versionId) {
    return `Ubuntu:${distro.versionId}${/\bLTS\b/.test(distro.version) ? ':LTS' : ''}`;
  }
  const major = /^\d+/.exec(distro?.versionId ?? '')?.[0];
  return major ? `Debian:${major}` : 'Debian';
}
