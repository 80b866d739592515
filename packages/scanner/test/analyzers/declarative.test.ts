import { KitAnalyzerDefinition } from '@execops/contract';
import { describe, expect, it } from 'vitest';
import { declarativeAnalyzer, filesFor } from '../../src/index.ts';

const definition = (overrides: Partial<KitAnalyzerDefinition> = {}): KitAnalyzerDefinition =>
  KitAnalyzerDefinition.parse({
    id: 'locks',
    version: '1.0.0',
    ecosystem: 'Packagist',
    purlType: 'composer',
    description: 'test lockfiles',
    files: ['*.lock'],
    format: 'json',
    packages: { paths: ['packages', 'lock.dev'], name: 'name', version: 'version' },
    versionScheme: 'semver',
    ...overrides,
  });

const analyzerOf = (def: KitAnalyzerDefinition) => declarativeAnalyzer({ kitVersion: '1', definition: def, digest: 'd' });
const files = (entries: Record<string, unknown>) => new Map(Object.entries(entries).map(([path, json]) => [path, Buffer.from(typeof json === 'string' ? json : JSON.stringify(json))]));

describe('declarative (kit) analyzers', () => {
  it('reads the files its patterns name outside dependency trees, from every key path, skipping incomplete entries', () => {
    const analyzer = analyzerOf(definition());
    const target = files({
      'app/composer.lock': { packages: [{ name: 'a/b', version: '1.0.0' }, { name: 'no-version' }, 'not an object'], lock: { dev: [{ name: 'c', version: '2.0.0' }] } },
      'app/vendor/x/composer.lock': { packages: [{ name: 'vendored', version: '1.0.0' }] },
      'app/composer.json': { packages: [{ name: 'ignored', version: '1.0.0' }] },
    });
    const wanted = filesFor(analyzer, target);
    expect([...wanted.keys()]).toEqual(['app/composer.lock']);
    expect(analyzer.analyze(wanted)).toEqual({
      components: [
        { analyzer: 'locks', ecosystem: 'Packagist', name: 'a/b', version: '1.0.0', purl: 'pkg:composer/a/b@1.0.0', locations: ['app/composer.lock'] },
        { analyzer: 'locks', ecosystem: 'Packagist', name: 'c', version: '2.0.0', purl: 'pkg:composer/c@2.0.0', locations: ['app/composer.lock'] },
      ],
      problems: [],
    });
    expect(analyzer.kit?.kitVersion).toBe('1');
  });

  it('takes names from map keys with @key, and reports a malformed file as a problem', () => {
    const analyzer = analyzerOf(definition({ packages: { paths: ['deps'], name: '@key', version: 'v' } }));
    const result = analyzer.analyze(files({ 'x.lock': { deps: { left: { v: '1.2.3' }, right: { v: 7 } } }, 'bad.lock': '{nope' }));
    expect(result.components.map((c) => `${c.name}@${c.version}`)).toEqual(['left@1.2.3']);
    expect(result.problems).toEqual([{ path: 'bad.lock', message: 'bad.lock is not valid JSON' }]);
  });

  it('refuses a definition whose file pattern would keep every file, or that asks for anything but JSON', () => {
    const parse = (overrides: Record<string, unknown>) => KitAnalyzerDefinition.safeParse({ ...definition(), ...overrides });
    expect(parse({ files: ['*.*'] }).error?.issues[0]?.message).toBe('files: a pattern needs at least 3 characters besides "*"');
    expect(parse({ files: ['dir/composer.lock'] }).success).toBe(false);
    expect(parse({ format: 'yaml' }).success).toBe(false);
  });
});
