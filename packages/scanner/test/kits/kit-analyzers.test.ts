import { KitAnalyzerDefinition } from '@execops/contract';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../../../engine/test/support/databases.ts';
import {
  AnalyzerDefinitionError,
  AnalyzerRegistry,
  BUILTIN_ANALYZERS,
  buildKit,
  FIXTURE_PATHS,
  generateSigningKey,
  KitStore,
  publicJwk,
  readAnalyzerDefinitions,
  readOsvInputs,
  verifyKit,
} from '../../src/index.ts';
import { expectQuarantined, KIT_AUDIT, kitFiles, kitOf, resigned } from './kit-support.ts';

const composer = async () => KitAnalyzerDefinition.parse(JSON.parse(await readFile(`${FIXTURE_PATHS.analyzersDir}/composer.json`, 'utf8')));
const operator = KIT_AUDIT.operator;

describe('kit analyzer definitions', () => {
  it('reads the fixture definition and refuses one shadowing a built-in, twice the same id or another version order', async () => {
    const definition = (await readAnalyzerDefinitions([FIXTURE_PATHS.analyzersDir]))[0] as KitAnalyzerDefinition;
    expect(definition).toMatchObject({ id: 'composer', ecosystem: 'Packagist', versionScheme: 'semver' });
    const build = (analyzers: KitAnalyzerDefinition[]) => async () =>
      buildKit({ records: await readOsvInputs([FIXTURE_PATHS.osvDir]), analyzers, version: '1', createdAt: new Date(), signingKey: generateSigningKey('k') });
    await expect(build([{ ...definition, id: 'npm' }])).rejects.toThrow(new AnalyzerDefinitionError('analyzer npm: a built-in analyzer has that id; a kit analyzer may not shadow it'));
    await expect(build([definition, definition])).rejects.toThrow(/analyzer composer is defined twice/);
    await expect(build([{ ...definition, ecosystem: 'PyPI' }])).rejects.toThrow(/PyPI versions are ordered by pep440, not semver/);
    await expect(build([definition, { ...definition, id: 'composer2', versionScheme: 'pep440' }])).rejects.toThrow(/composer and composer2 order Packagist versions differently/);
    const sample = { file: { name: 'other.lock', content: '{}' }, expect: { name: 'a', version: '1' } };
    await expect(build([{ ...definition, sample }])).rejects.toThrow(/sample.file.name other.lock is not one of its files \(composer.lock\)/);
  });
});

describe.each(databaseTargets())('kit-supplied analyzers ($name)', (target) => {
  let db: TestDatabase;
  let store: KitStore;
  let registry: AnalyzerRegistry;
  const site = generateSigningKey('site-analyzers');

  beforeAll(async () => {
    db = await createTestDatabase(target);
    store = new KitStore(db.pool);
    registry = new AnalyzerRegistry(db.pool, BUILTIN_ANALYZERS);
    await store.addTrustKey({ name: 'analyzer site', jwk: publicJwk(site) }, KIT_AUDIT);
  });
  afterAll(async () => db?.drop());

  const kitAnalyzers = async () => (await registry.list()).filter((entry) => entry.source === 'kit');

  it('activates a kit with its analyzer: stored with the generation, listed with source kit and the kit version', async () => {
    const kit = await kitOf(site, '2026.12.01', { analyzers: [await composer()] });
    const imported = await store.importKit(kit.bytes, 'upload', KIT_AUDIT);
    const { rows } = await db.pool.query('SELECT generation, analyzer_id, definition->>$1 AS ecosystem FROM scanner_kit_analyzers', ['ecosystem']);
    expect(rows).toEqual([{ generation: imported.generation, analyzer_id: 'composer', ecosystem: 'Packagist' }]);
    const entries = await registry.list();
    expect(entries.map((entry) => [entry.id, entry.source, entry.kitVersion])).toEqual([
      ...BUILTIN_ANALYZERS.map((analyzer) => [analyzer.id, 'builtin', null]),
      ['composer', 'kit', '2026.12.01'],
    ]);
    expect(entries.at(-1)).toMatchObject({ version: '1.0.0', ecosystem: 'Packagist', enabled: true, probe: null });
  });

  it('enables, disables and self-checks a kit analyzer like a built-in one; a definition without a sample says so', async () => {
    expect(await registry.setEnabled('composer', false, 'default', operator)).toMatchObject({ id: 'composer', source: 'kit', enabled: false });
    expect((await registry.setEnabled('composer', true, 'default', operator)).enabled).toBe(true);
    const probed = (await registry.refresh('default', operator)).find((entry) => entry.id === 'composer');
    expect(probed?.probe).toMatchObject({ ok: true, message: 'found guzzlehttp/guzzle 7.4.3' });

    const { sample: _sample, ...unsampled } = await composer();
    await store.importKit((await kitOf(site, '2026.12.02', { analyzers: [{ ...unsampled, version: '1.1.0' }] })).bytes, 'upload', KIT_AUDIT);
    const refreshed = (await registry.refresh('default', operator)).find((entry) => entry.id === 'composer');
    expect(refreshed).toMatchObject({ version: '1.1.0', kitVersion: '2026.12.02', probe: { ok: false, message: "no sample: the kit's definition of composer carries none" } });
  });

  it('rolls back to the previous kit with its analyzer set, and exports the active analyzers with the feed', async () => {
    await store.importKit((await kitOf(site, '2026.12.03')).bytes, 'upload', KIT_AUDIT);
    expect(await kitAnalyzers()).toEqual([]);
    await store.rollback(KIT_AUDIT);
    expect((await kitAnalyzers()).map((entry) => [entry.id, entry.version, entry.kitVersion])).toEqual([['composer', '1.1.0', '2026.12.02']]);

    const exported = await store.exportKit('2026.12.04', KIT_AUDIT);
    const siteKey = await store.siteKey(KIT_AUDIT);
    const verified = await verifyKit(exported.bytes, { trustedKeys: [{ name: 'site', jwk: siteKey.jwk, revoked: false }], activeVersion: null, now: new Date(), stalenessDays: 30 });
    expect(verified.analyzers.map((analyzer) => [analyzer.definition.id, analyzer.definition.version])).toEqual([['composer', '1.1.0']]);
    expect(verified.manifest.analyzers.filter((analyzer) => analyzer.source === 'kit')).toEqual([
      { id: 'composer', ecosystems: ['Packagist'], source: 'kit', path: 'analyzers/composer.json' },
    ]);
  });

  it('quarantines a kit whose definition is invalid, shadows a built-in or disagrees with the manifest, and changes nothing', async () => {
    const files = kitFiles((await kitOf(site, '2026.12.10', { analyzers: [await composer()] })).bytes);
    const definition = JSON.parse((files.get('analyzers/composer.json') as Buffer).toString()) as Record<string, unknown>;
    const withDefinition = (changed: Record<string, unknown>, edit?: (manifest: Record<string, unknown>) => void) =>
      resigned(new Map([...files, ['analyzers/composer.json', Buffer.from(JSON.stringify(changed))]]), site, edit);

    await expectQuarantined(db.pool, store, withDefinition({ ...definition, versionScheme: 'maven' }), 'analyzer_invalid', /^analyzers\/composer\.json: versionScheme: /);
    await expectQuarantined(db.pool, store, withDefinition({ ...definition, run: 'rm -rf /' }), 'analyzer_invalid', /^analyzers\/composer\.json: \(root\): Unrecognized key: "run"/);
    await expectQuarantined(db.pool, store, withDefinition({ ...definition, packages: { paths: ['packages'], name: 'name' } }), 'analyzer_invalid', /packages\.version: /);
    await expectQuarantined(db.pool, store, withDefinition({ ...definition, id: 'other' }), 'analyzer_invalid', /analyzers\/composer\.json defines analyzer other; the manifest says composer/);
    const shadowing = withDefinition({ ...definition, id: 'npm' }, (manifest) => {
      manifest.analyzers = (manifest.analyzers as Array<{ id: string; source: string }>).map((a) => (a.source === 'kit' ? { ...a, id: 'npm' } : a));
    });
    await expectQuarantined(db.pool, store, shadowing, 'analyzer_invalid', /^analyzer npm: a built-in analyzer has that id; a kit analyzer may not shadow it$/);
    const unlisted = resigned(files, site, (manifest) => {
      manifest.entries = (manifest.entries as Array<{ path: string }>).filter((entry) => entry.path !== 'analyzers/composer.json');
    });
    await expectQuarantined(db.pool, store, unlisted, 'entry_unlisted', /analyzers\/composer\.json is in the archive but not listed/);
  });
});
