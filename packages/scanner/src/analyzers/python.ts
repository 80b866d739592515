import { pypiPurl } from '../purl/purl.ts';
import { objectEntries, parseJsonObject } from './json-lockfile.ts';
import { lockfileAnalyzer } from './lockfile-analyzer.ts';
import type { LockedPackage } from './locked-package.ts';
import { baseName } from './lockfile-paths.ts';
import { tomlPackages } from './toml-packages.ts';

const isRequirements = (name: string): boolean => /^requirements.*\.txt$/.test(name);

export const pythonAnalyzer = lockfileAnalyzer({
  id: 'python',
  version: '1.0.0',
  ecosystem: 'PyPI',
  description: 'Python packages pinned in requirements*.txt (==), poetry.lock and Pipfile.lock',
  lockfile: (name) => isRequirements(name) || name === 'poetry.lock' || name === 'Pipfile.lock',
  parse(path, text) {
    const name = baseName(path);
    if (name === 'poetry.lock') return poetryPackages(text);
    return name === 'Pipfile.lock' ? pipfilePackages(path, text) : requirementsPackages(text);
  },
  purl: pypiPurl,
});

/**
 * Exact pins of a requirements file (`name==1.0`, `name[extra]===1.0 ; marker  # comment`), continuation lines
 * joined. Ranges, options (`-r`, `-e`, `--hash`) and URLs pin nothing and are skipped.
 */
function requirementsPackages(text: string): LockedPackage[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .flatMap((line) => {
      const requirement =
        line
          .replace(/(^|\s)#.*$/, '')
          .split(';')[0]
          ?.trim() ?? '';
      const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([^\s,]+)(?:\s+--hash=\S+)*$/.exec(
        requirement,
      );
      return match?.[1] && match[2] && !match[2].includes('*') ? [{ name: match[1], version: match[2] }] : [];
    });
}

function poetryPackages(text: string): LockedPackage[] {
  return tomlPackages(text).flatMap((pkg) => {
    const [name, version] = [pkg.get('name'), pkg.get('version')];
    return name && version ? [{ name, version }] : [];
  });
}

/** Pipfile.lock: `default` and `develop` map names to `{ "version": "==1.2.3" }`; VCS/path entries have none. */
function pipfilePackages(path: string, text: string): LockedPackage[] {
  const lock = parseJsonObject(text, path);
  return ['default', 'develop'].flatMap((section) =>
    objectEntries(lock[section]).flatMap(([name, entry]) => {
      const version = typeof entry.version === 'string' ? /^===?(.+)$/.exec(entry.version)?.[1] : undefined;
      return version ? [{ name, version }] : [];
    }),
  );
}
