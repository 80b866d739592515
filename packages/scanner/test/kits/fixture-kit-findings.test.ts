import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../../../engine/test/support/databases.ts';
import {
  activeFeedLookup,
  BUILTIN_ANALYZERS,
  ecosystemOrders,
  ensureDemoFeed,
  filesFor,
  installedAnalyzers,
  matchComponents,
  resolveTarget,
  wantedByAny,
  type Analyzer,
  type EcosystemOrder,
} from '../../src/index.ts';

const LIMITS = { maxTargetBytes: 1024 * 1024, maxEntries: 1000, maxFileBytes: 64 * 1024 };
const targetDir = (name: string) => fileURLToPath(new URL(`../fixtures/targets/${name}`, import.meta.url));

/** The fixture kit's OS advisories and its composer analyzer, end to end against the feed in PostgreSQL. */
describe.each(databaseTargets())('the fixture kit on vulnerable targets ($name)', (target) => {
  let db: TestDatabase;
  let analyzers: Analyzer[];

  beforeAll(async () => {
    db = await createTestDatabase(target);
    await ensureDemoFeed(db.pool);
    analyzers = await installedAnalyzers(db.pool, BUILTIN_ANALYZERS);
  });
  afterAll(async () => db?.drop());

  async function scan(name: string, orderOf?: EcosystemOrder) {
    const resolved = await resolveTarget({ kind: 'directory', path: targetDir(name) }, { limits: LIMITS, wants: wantedByAny(analyzers) });
    const components = analyzers.flatMap((analyzer) => analyzer.analyze(filesFor(analyzer, resolved.files)).components);
    const matched = await matchComponents(components, activeFeedLookup(db.pool), orderOf ?? ecosystemOrders(analyzers));
    return { components, matched, findings: matched.findings.map((f) => `${f.advisoryId} ${f.component.purl} fixed in ${f.fixedVersions.join(', ')}`) };
  }

  it('finds the Debian advisory in a dpkg status and the Packagist one through the kit composer analyzer', async () => {
    const { components, findings } = await scan('debian-12');
    expect(components.filter((c) => c.analyzer === 'composer').map((c) => [c.ecosystem, c.purl, c.locations])).toEqual([
      ['Packagist', 'pkg:composer/guzzlehttp/guzzle@7.4.3', ['srv/shop/composer.lock']],
      ['Packagist', 'pkg:composer/guzzlehttp/psr7@2.4.0', ['srv/shop/composer.lock']],
      ['Packagist', 'pkg:composer/phpunit/phpunit@9.5.20', ['srv/shop/composer.lock']],
    ]);
    expect(findings).toEqual([
      'DSA-5514-1 pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12 fixed in 2.36-9+deb12u3',
      'GHSA-f2wf-25xc-69c9 pkg:composer/guzzlehttp/guzzle@7.4.3 fixed in 7.4.4',
    ]);
  });

  it('finds the Alpine advisory on the packages of the openssl origin in an apk database', async () => {
    expect((await scan('alpine-3.18')).findings).toEqual([
      'ALPINE-CVE-2023-5363 pkg:apk/alpine/libcrypto3@3.1.0-r4?arch=x86_64&distro=alpine-3.18.0 fixed in 3.1.4-r0',
      'ALPINE-CVE-2023-5363 pkg:apk/alpine/libssl3@3.1.0-r4?arch=x86_64&distro=alpine-3.18.0 fixed in 3.1.4-r0',
    ]);
  });

  it('orders Packagist versions by the scheme the kit analyzer names (without it the advisory cannot be evaluated)', async () => {
    const { matched } = await scan('debian-12', () => null);
    expect(matched.findings).toEqual([]);
    expect(matched.unevaluated).toContainEqual({
      advisoryId: 'GHSA-f2wf-25xc-69c9',
      purl: 'pkg:composer/guzzlehttp/guzzle@7.4.3',
      reason: 'no version order for ecosystem Packagist',
    });
  });
});
