import type { Component } from '../model/component.ts';
import { distroOf, OS_RELEASE_PATHS, osEcosystem } from '../model/distro.ts';
import { buildPurl } from '../purl/purl.ts';
import { analyzeEach, type Analyzer, type AnalyzerFiles } from './analyzer.ts';

const INSTALLED = 'lib/apk/db/installed';

export const apkAnalyzer: Analyzer = {
  id: 'apk',
  version: '1.0.0',
  kind: 'os',
  ecosystem: 'Alpine',
  description: 'Alpine packages installed per the apk database',
  wants: (path) => path === INSTALLED || OS_RELEASE_PATHS.includes(path),
  analyze(files: AnalyzerFiles) {
    const distro = distroOf(files);
    const ecosystem = osEcosystem('Alpine', distro);
    const parse = (path: string, text: string): Component[] =>
      parseApkDatabase(text).flatMap((fields) => {
        const name = fields.get('P');
        const version = fields.get('V');
        if (!name || !version) return [];
        const origin = fields.get('o');
        return {
          analyzer: 'apk',
          ecosystem,
          name,
          version,
          purl: buildPurl({
            type: 'apk',
            namespace: 'alpine',
            name,
            version,
            qualifiers: { arch: fields.get('A'), distro: distro?.versionId ? `alpine-${distro.versionId}` : undefined },
          }),
          locations: [path],
          // Alpine's security database names the origin (source) package, e.g. libcrypto3 → openssl.
          ...(origin && origin !== name ? { source: { name: origin, version } } : {}),
        };
      });
    return analyzeEach(files, parse, (path) => OS_RELEASE_PATHS.includes(path));
  },
};

/** Package records of the apk database: `K:value` lines, records separated by a blank line. */
function parseApkDatabase(text: string): Map<string, string>[] {
  const records: Map<string, string>[] = [];
  let current = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '') {
      if (current.size) records.push(current);
      current = new Map();
    } else if (line[1] === ':' && !current.has(line[0] ?? '')) {
      // Later F:/R: lines repeat keys per file; only the first value of a key describes the package.
      current.set(line[0] ?? '', line.slice(2));
    }
  }
  if (current.size) records.push(current);
  return records;
}
