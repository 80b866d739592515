import type { Component } from '../model/component.ts';
import { distroOf, OS_RELEASE_PATHS, osEcosystem } from '../model/distro.ts';
import { buildPurl } from '../purl/purl.ts';
import { analyzeEach, type Analyzer, type AnalyzerFiles } from './analyzer.ts';

const STATUS = 'var/lib/dpkg/status';
// Distroless images write one status file per package here instead of the single database.
const STATUS_DIR = 'var/lib/dpkg/status.d/';

export const dpkgAnalyzer: Analyzer = {
  id: 'dpkg',
  version: '1.0.0',
  kind: 'os',
  ecosystem: 'Debian',
  description: 'Debian/Ubuntu packages installed per the dpkg status database',
  wants: (path) =>
    path === STATUS || (path.startsWith(STATUS_DIR) && !path.endsWith('.md5sums')) || OS_RELEASE_PATHS.includes(path),
  analyze(files: AnalyzerFiles) {
    const distro = distroOf(files);
    const ecosystem = osEcosystem('Debian', distro);
    const vendor = distro?.id === 'ubuntu' ? 'ubuntu' : 'debian';
    const parse = (path: string, text: string): Component[] =>
      parseControlParagraphs(text).flatMap((fields) => {
        const name = fields.get('package');
        const version = fields.get('version');
        if (!name || !version || !isInstalled(fields.get('status'))) return [];
        const arch = fields.get('architecture');
        const source = parseSourceField(fields.get('source'), version);
        return {
          analyzer: 'dpkg',
          ecosystem,
          name,
          version,
          purl: buildPurl({
            type: 'deb',
            namespace: vendor,
            name,
            version,
            qualifiers: { arch, distro: distro?.versionId ? `${distro.id}-${distro.versionId}` : undefined },
          }),
          locations: [path],
          ...(source && (source.name !== name || source.version !== version) ? { source } : {}),
        };
      });
    return analyzeEach(files, parse, (path) => OS_RELEASE_PATHS.includes(path));
  },
};

/** Paragraphs of RFC-822-style control data; keys lower-cased, continuation lines joined. */
export function parseControlParagraphs(text: string): Map<string, string>[] {
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
function parseSourceField(field: string | undefined, binaryVersion: string): { name: string; version: string } | null {
  const match = field ? /^(\S+)(?:\s+\((\S+)\))?$/.exec(field) : null;
  return match?.[1] ? { name: match[1], version: match[2] ?? binaryVersion } : null;
}
