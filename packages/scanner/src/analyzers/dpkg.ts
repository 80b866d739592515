import { osPackageAnalyzer, type InstalledPackage } from './os-package-analyzer.ts';

const STATUS = 'var/lib/dpkg/status';
// Distroless images write one status file per package here instead of the single database.
const STATUS_DIR = 'var/lib/dpkg/status.d/';

export const dpkgAnalyzer = osPackageAnalyzer({
  id: 'dpkg',
  version: '1.0.0',
  family: 'Debian',
  description: 'Debian/Ubuntu packages installed per the dpkg status database',
  database: (path) => path === STATUS || (path.startsWith(STATUS_DIR) && !path.endsWith('.md5sums')),
  parse: (text) =>
    parseControlParagraphs(text).flatMap((fields): InstalledPackage[] => {
      const name = fields.get('package');
      const version = fields.get('version');
      if (!name || !version || !isInstalled(fields.get('status'))) return [];
      return [
        { name, version, arch: fields.get('architecture'), source: parseSourceField(fields.get('source'), version) },
      ];
    }),
  purlType: 'deb',
  namespace: (distro) => (distro?.id === 'ubuntu' ? 'ubuntu' : 'debian'),
});

/** Paragraphs of RFC-822-style control data; keys lower-cased, continuation lines joined. */
function parseControlParagraphs(text: string): Map<string, string>[] {
  const paragraphs: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let lastKey: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (current.size) paragraphs.push(current);
      current = new Map();
      lastKey = null;
    } else if (/^[ \t]/.test(line)) {
      if (lastKey) current.set(lastKey, `${current.get(lastKey) ?? ''}\n${line.trim()}`);
    } else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      lastKey = line.slice(0, colon).trim().toLowerCase();
      current.set(lastKey, line.slice(colon + 1).trim());
    }
  }
  if (current.size) paragraphs.push(current);
  return paragraphs;
}

/** `Status: install ok installed`; absent in distroless per-package files, which only list installed packages. */
function isInstalled(status: string | undefined): boolean {
  return status === undefined || status.split(/\s+/)[2] === 'installed';
}

/** `Source: glibc` or `Source: glibc (2.36-9)` (when the source version differs from the binary's). */
function parseSourceField(field: string | undefined, binaryVersion: string): InstalledPackage['source'] {
  const match = field ? /^(\S+)(?:\s+\((\S+)\))?$/.exec(field) : null;
  return match?.[1] ? { name: match[1], version: match[2] ?? binaryVersion } : null;
}
