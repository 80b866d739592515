import { distroOf, OS_RELEASE_PATHS, osEcosystem, type Distro } from '../model/distro.ts';
import { buildPurl } from '../purl/purl.ts';
import { analyzeEach, type Analyzer } from './analyzer.ts';

/** A package recorded as installed in an OS package database. */
export interface InstalledPackage {
  name: string;
  version: string;
  arch: string | undefined;
  /** The source package advisories are written against, when it differs from the installed one. */
  source: { name: string; version: string } | null;
}

export interface OsPackageAnalyzerSpec {
  id: string;
  version: string;
  family: 'Debian' | 'Alpine';
  description: string;
  /** Whether a path is (part of) the package database. */
  database: (path: string) => boolean;
  parse: (text: string) => InstalledPackage[];
  purlType: 'deb' | 'apk';
  /** The purl namespace (vendor) for the distribution. */
  namespace: (distro: Distro | null) => string;
}

/**
 * An OS analyzer: reads the package database and os-release, so components carry the release ecosystem
 * (`Debian:12`, `Alpine:v3.19`) and purls the `distro` qualifier (`debian-12`, `alpine-3.19.1`).
 */
export function osPackageAnalyzer(spec: OsPackageAnalyzerSpec): Analyzer {
  return {
    id: spec.id,
    version: spec.version,
    kind: 'os',
    ecosystem: spec.family,
    description: spec.description,
    wants: (path) => spec.database(path) || OS_RELEASE_PATHS.includes(path),
    analyze(files) {
      const distro = distroOf(files);
      const ecosystem = osEcosystem(spec.family, distro);
      const qualifiers = (arch: string | undefined) => ({
        arch,
        distro: distro?.versionId ? `${distro.id}-${distro.versionId}` : undefined,
      });
      const parse = (path: string, text: string) =>
        spec.parse(text).map(({ name, version, arch, source }) => ({
          analyzer: spec.id,
          ecosystem,
          name,
          version,
          purl: buildPurl({
            type: spec.purlType,
            namespace: spec.namespace(distro),
            name,
            version,
            qualifiers: qualifiers(arch),
          }),
          locations: [path],
          ...(source && (source.name !== name || source.version !== version) ? { source } : {}),
        }));
      return analyzeEach(files, parse, (path) => OS_RELEASE_PATHS.includes(path));
    },
  };
}
