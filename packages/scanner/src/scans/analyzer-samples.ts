import type { Analyzer } from '../analyzers/analyzer.ts';

/** A tiny input per built-in analyzer and the package its self-check must report (refresh). */
export interface AnalyzerSample {
  files: ReadonlyMap<string, Buffer>;
  expect: { name: string; version: string };
}

const sample = (files: Record<string, string>, name: string, version: string): AnalyzerSample => ({
  files: new Map(Object.entries(files).map(([path, text]) => [path, Buffer.from(text)])),
  expect: { name, version },
});

const DEBIAN_RELEASE = 'ID=debian\nVERSION_ID="12"\n';

export const ANALYZER_SAMPLES: Readonly<Record<string, AnalyzerSample>> = {
  dpkg: sample(
    {
      'etc/os-release': DEBIAN_RELEASE,
      'var/lib/dpkg/status': 'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n\n',
    },
    'zlib1g',
    '1:1.2.13.dfsg-1',
  ),
  apk: sample(
    { 'etc/os-release': 'ID=alpine\nVERSION_ID=3.19.1\n', 'lib/apk/db/installed': 'P:musl\nV:1.2.4_git20230717-r4\nA:x86_64\no:musl\n\n' },
    'musl',
    '1.2.4_git20230717-r4',
  ),
  npm: sample(
    {
      'package-lock.json': JSON.stringify({
        name: 'probe',
        lockfileVersion: 3,
        packages: { '': { name: 'probe' }, 'node_modules/lodash': { version: '4.17.20' } },
      }),
    },
    'lodash',
    '4.17.20',
  ),
  python: sample({ 'requirements.txt': 'requests==2.31.0\n' }, 'requests', '2.31.0'),
  go: sample({ 'go.mod': 'module example.com/probe\n\ngo 1.21\n\nrequire golang.org/x/text v0.3.7\n' }, 'golang.org/x/text', 'v0.3.7'),
  cargo: sample({ 'Cargo.lock': 'version = 3\n\n[[package]]\nname = "smallvec"\nversion = "1.6.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n' }, 'smallvec', '1.6.0'),
};

/** An analyzer's self-check sample: a built-in one's above, a kit one's from its definition; null when there is none. */
export function sampleOf(analyzer: Analyzer): AnalyzerSample | null {
  if (!analyzer.kit) return ANALYZER_SAMPLES[analyzer.id] ?? null;
  const sample = analyzer.kit.definition.sample;
  return sample ? { files: new Map([[sample.file.name, Buffer.from(sample.file.content)]]), expect: sample.expect } : null;
}
