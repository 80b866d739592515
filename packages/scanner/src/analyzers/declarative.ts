import { MAP_KEY_FIELD, type KitAnalyzerDefinition } from '@execops/contract';
import { namespacedPurl } from '../purl/purl.ts';
import type { Analyzer, KitAnalyzerOrigin } from './analyzer.ts';
import { isJsonObject, parseJsonObject, type JsonObject } from './json-lockfile.ts';
import { lockfileAnalyzer } from './lockfile-analyzer.ts';
import type { LockedPackage } from './locked-package.ts';

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** Matches base names against patterns such as `composer.lock` or `*.lock` (`*` stands for any characters). */
export function fileNameMatcher(patterns: readonly string[]): (baseName: string) => boolean {
  const regexes = patterns.map((pattern) => new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`));
  return (name) => regexes.some((regex) => regex.test(name));
}

/**
 * The analyzer a kit's definition describes, interpreted by the scanner (a kit's code is never run): every JSON
 * file it names, the package entries under each of its key paths (an array of objects, or a map of them), each
 * entry with a string name and version one component.
 */
export function declarativeAnalyzer(origin: KitAnalyzerOrigin): Analyzer {
  const definition = origin.definition;
  const analyzer = lockfileAnalyzer({
    id: definition.id,
    version: definition.version,
    ecosystem: definition.ecosystem,
    description: definition.description,
    lockfile: fileNameMatcher(definition.files),
    parse: (path, text) => lockedPackages(definition.packages, parseJsonObject(text, path)),
    purl: (name, version) => namespacedPurl(definition.purlType, name, version),
  });
  return { ...analyzer, kit: origin };
}

/** The value at a dotted key path (own keys only), or undefined. */
function atPath(document: JsonObject, path: string): unknown {
  let value: unknown = document;
  for (const key of path.split('.')) value = isJsonObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
  return value;
}

function lockedPackages(spec: KitAnalyzerDefinition['packages'], document: JsonObject): LockedPackage[] {
  const found = new Map<string, LockedPackage>();
  for (const path of spec.paths) {
    const container = atPath(document, path);
    // Array entries have no key to name them; `@key` applies to maps only.
    const entries: [string | null, unknown][] = Array.isArray(container)
      ? container.map((entry) => [null, entry])
      : isJsonObject(container)
        ? Object.entries(container)
        : [];
    for (const [key, entry] of entries) {
      if (!isJsonObject(entry)) continue;
      const field = (name: string) => (name === MAP_KEY_FIELD ? key : Object.hasOwn(entry, name) ? entry[name] : undefined);
      const name = field(spec.name);
      const version = field(spec.version);
      if (typeof name === 'string' && name !== '' && typeof version === 'string' && version !== '') found.set(`${name}@${version}`, { name, version });
    }
  }
  return [...found.values()];
}
