import { analyzeEach, type Analyzer } from './analyzer.ts';
import type { LockedPackage } from './locked-package.ts';
import { lockfileNamed } from './lockfile-paths.ts';

export interface LockfileAnalyzerSpec {
  id: string;
  version: string;
  ecosystem: string;
  description: string;
  /** Which lockfile names (wherever they are, outside dependency trees) the analyzer reads. */
  lockfile: (baseName: string) => boolean;
  /** The packages one lockfile pins; throws `MalformedFileError` for content it cannot read. */
  parse: (path: string, text: string) => LockedPackage[];
  purl: (name: string, version: string) => string;
}

/** A language analyzer: every lockfile it wants parsed on its own, each pinned package one component. */
export function lockfileAnalyzer(spec: LockfileAnalyzerSpec): Analyzer {
  return {
    id: spec.id,
    version: spec.version,
    kind: 'lang',
    ecosystem: spec.ecosystem,
    description: spec.description,
    wants: lockfileNamed(spec.lockfile),
    analyze: (files) =>
      analyzeEach(files, (path, text) =>
        spec.parse(path, text).map(({ name, version }) => ({
          analyzer: spec.id,
          ecosystem: spec.ecosystem,
          name,
          version,
          purl: spec.purl(name, version),
          locations: [path],
        })),
      ),
  };
}
