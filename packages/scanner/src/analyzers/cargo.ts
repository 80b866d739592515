import { cargoPurl } from '../purl/purl.ts';
import { lockfileAnalyzer } from './lockfile-analyzer.ts';
import { tomlPackages } from './toml-packages.ts';

export const cargoAnalyzer = lockfileAnalyzer({
  id: 'cargo',
  version: '1.0.0',
  ecosystem: 'crates.io',
  description: 'Rust crates locked in Cargo.lock',
  lockfile: (name) => name === 'Cargo.lock',
  parse: (_path, text) =>
    tomlPackages(text).flatMap((pkg) => {
      const [name, version, source] = [pkg.get('name'), pkg.get('version'), pkg.get('source') ?? ''];
      // Only registry crates: no source means the workspace's own crates, `git+` a git checkout.
      return name && version && /^(registry|sparse)\+/.test(source) ? [{ name, version }] : [];
    }),
  purl: cargoPurl,
});
