import { osPackageAnalyzer, type InstalledPackage } from './os-package-analyzer.ts';

const INSTALLED = 'lib/apk/db/installed';

export const apkAnalyzer = osPackageAnalyzer({
  id: 'apk',
  version: '1.0.0',
  family: 'Alpine',
  description: 'Alpine packages installed per the apk database',
  database: (path) => path === INSTALLED,
  parse: (text) =>
    parseApkDatabase(text).flatMap((fields): InstalledPackage[] => {
      const name = fields.get('P');
      const version = fields.get('V');
      const origin = fields.get('o');
      if (!name || !version) return [];
      // Alpine's security database names the origin (source) package, e.g. libcrypto3 → openssl.
      return [{ name, version, arch: fields.get('A'), source: origin ? { name: origin, version } : null }];
    }),
  purlType: 'apk',
  namespace: () => 'alpine',
});

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
