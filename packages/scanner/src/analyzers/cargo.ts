import { cargoPurl } from '../purl/purl.ts';
import { analyzeEach, type Analyzer, type AnalyzerFiles } from './analyzer.ts';
import { lockfileNamed } from './lockfile-paths.ts';
import { tomlPackages } from './toml-packages.ts';

export const cargoAnalyzer: Analyzer = {
  id: 'cargo',
  version: '1.0.0',
  kind: 'lang',
  ecosystem: 'crates.io',
  description: 'Rust crates locked in Cargo.lock',
  wants: lockfileNamed((name) => name === 'Cargo.lock'),
  analyze(files: AnalyzerFiles) {
    return analyzeEach(files, (path, text) =>
      tomlPackages(text)
        // Only registry crates: no source means the workspace's own crates, `git+` a git checkout.
        .filter((pkg) => pkg.get('name') && pkg.get('version') && /^(registry|sparse)\+/.test(pkg.get('source') ?? ''))
        .map((pkg) => {
          const [name, version] = [pkg.get('name') ?? '', pkg.get('version') ?? ''];
          return {
            analyzer: 'cargo',
            ecosystem: 'crates.io',
            name,
            version,
            purl: cargoPurl(name, version),
            locations: [path],
          };
        }),
    );
  },
};
