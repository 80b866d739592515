import { KIT_SIGNATURE_FILE, type KitRejectionCode } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../../../engine/test/support/databases.ts';
import {
  activeFeedInfo,
  activeFeedLookup,
  generateSigningKey,
  KitStore,
  publicJwk,
  sha256Hex,
  verifyKit,
  writeTarGz,
} from '../../src/index.ts';
import { buildTarGz } from '../support/tar-builder.ts';
import { expectQuarantined, KIT_AUDIT, kitFiles, kitOf, resigned } from './kit-support.ts';

const audit = KIT_AUDIT;

describe.each(databaseTargets())('offline kits ($name)', (target) => {
  let db: TestDatabase;
  let store: KitStore;
  const siteA = generateSigningKey('site-a');

  beforeAll(async () => {
    db = await createTestDatabase(target);
    store = new KitStore(db.pool);
    await store.addTrustKey({ name: 'site A', jwk: publicJwk(siteA) }, audit);
  });
  afterAll(async () => db?.drop());

  const expectRejected = (bytes: Buffer, code: KitRejectionCode, message: RegExp) => expectQuarantined(db.pool, store, bytes, code, message);

  it('imports a signed kit as a new generation and serves its advisories by ecosystem and package', async () => {
    const kit = await kitOf(siteA, '2026.12.01');
    const imported = await store.importKit(kit.bytes, 'upload', audit);
    expect(imported).toMatchObject({ status: 'active', version: '2026.12.01', keyName: 'site A', kid: 'site-a', advisories: 8, sha256: sha256Hex(kit.bytes) });
    const feed = await activeFeedInfo(db.pool);
    expect(feed).toMatchObject({ kitId: imported.id, version: '2026.12.01', generation: imported.generation, advisories: 8, stale: false, demo: false });
    const lookup = activeFeedLookup(db.pool);
    expect((await lookup('npm', 'lodash')).map((r) => r.id)).toEqual(['GHSA-jf85-cpcp-j695']);
    expect((await lookup('npm', 'minimist')).map((r) => r.id)).toEqual(['GHSA-xvch-5gv4-984h']);
    expect((await lookup('crates.io', 'smallvec')).map((r) => r.id)).toEqual(['RUSTSEC-2021-0003']);
    expect(await lookup('PyPI', 'lodash')).toEqual([]);
    expect((await lookup('Debian:12', 'glibc')).map((r) => r.id)).toEqual(['DSA-5514-1']);
    expect((await lookup('Alpine:v3.18', 'openssl')).map((r) => r.id)).toEqual(['ALPINE-CVE-2023-5363']);
    expect((await lookup('Packagist', 'guzzlehttp/guzzle')).map((r) => r.id)).toEqual(['GHSA-f2wf-25xc-69c9']);
    const { rows } = await db.pool.query(`SELECT action, target_id FROM audit_log WHERE action = 'kit.imported'`);
    expect(rows).toEqual([{ action: 'kit.imported', target_id: imported.id }]);
  });

  it('quarantines a changed byte, a wrong key, an older version and changes nothing else', async () => {
    const kit = await kitOf(siteA, '2026.12.05');
    const files = kitFiles(kit.bytes);
    const npm = Buffer.from(files.get('feeds/npm.json') as Buffer);
    npm[100] = npm[100] === 0x41 ? 0x42 : 0x41;
    await expectRejected(writeTarGz([...new Map([...files, ['feeds/npm.json', npm]])].map(([path, data]) => ({ path, data }))), 'digest_mismatch', /feeds\/npm\.json has sha256 [0-9a-f]{64}; the manifest says/);

    const stranger = generateSigningKey('stranger');
    await expectRejected((await kitOf(stranger, '2026.12.05')).bytes, 'untrusted_key', /signed by key stranger, which is not a trust key/);
    // Same kid as a trusted key, another private key: the signature itself fails.
    const impostor = { ...generateSigningKey(), kid: 'site-a' };
    await expectRejected((await kitOf(impostor, '2026.12.05')).bytes, 'signature_invalid', /does not verify with key site-a/);

    await expectRejected((await kitOf(siteA, '2026.12.01')).bytes, 'version_not_newer', /version 2026\.12\.01 is not newer than the active kit's 2026\.12\.01/);
    await expectRejected((await kitOf(siteA, '2026.11.30.9')).bytes, 'version_not_newer', /not newer/);
  });

  it('quarantines a tar bomb, path traversal, a missing or extra entry and bad feed JSON', async () => {
    const kit = await kitOf(siteA, '2026.12.06');
    const files = kitFiles(kit.bytes);
    const asEntries = (map: Map<string, Buffer>) => [...map].map(([path, content]) => ({ path, content }));
    await expectRejected(buildTarGz([...asEntries(files), { path: 'feeds/huge.json', content: '', declaredSize: 600 * 1024 * 1024 }]), 'archive_too_large', /exceeds/);
    await expectRejected(buildTarGz([{ path: '../evil.json', content: '[]' }, ...asEntries(files)]), 'path_traversal', /"\.\." segments/);
    const missing = new Map(files);
    missing.delete('feeds/go.json');
    await expectRejected(buildTarGz(asEntries(missing)), 'entry_missing', /feeds\/go\.json is listed in the manifest but not in the archive/);
    await expectRejected(buildTarGz([...asEntries(files), { path: 'feeds/extra.json', content: '[]' }]), 'entry_unlisted', /feeds\/extra\.json is in the archive but not listed/);
    const badJson = new Map(files).set('feeds/pypi.json', Buffer.from('[{"id": "GHSA-j8r2'));
    await expectRejected(resigned(badJson, siteA), 'feed_invalid', /feeds\/pypi\.json is not JSON/);
    await expectRejected(Buffer.from('not a kit at all'), 'archive_corrupt', /./);
    const noSignature = new Map(files);
    noSignature.delete(KIT_SIGNATURE_FILE);
    await expectRejected(buildTarGz(asEntries(noSignature)), 'signature_missing', /has no offline-manifest\.json\.jws/);
  });

  it('refuses a stale kit, one from the future and one signed by a revoked key', async () => {
    await expectRejected((await kitOf(siteA, '2026.12.07', { ageDays: 31 })).bytes, 'stale', /31 days ago; the staleness window is 30 days/);
    await expectRejected((await kitOf(siteA, '2026.12.07', { ageDays: -1 })).bytes, 'created_in_future', /after now/);
    const siteB = generateSigningKey('site-b');
    await store.addTrustKey({ name: 'site B', jwk: publicJwk(siteB) }, audit);
    await store.revokeTrustKey('site-b', audit);
    await expectRejected((await kitOf(siteB, '2026.12.07')).bytes, 'key_revoked', /site-b \(site B\), which was revoked/);
  });

  it('lists kits with their status, rolls back to the previous kit and forward again', async () => {
    const second = await store.importKit((await kitOf(siteA, '2026.12.02')).bytes, 'upload', audit);
    expect(second).toMatchObject({ status: 'active', version: '2026.12.02' });
    const statuses = async () => Object.fromEntries((await store.listKits()).filter((k) => k.status !== 'quarantined').map((k) => [k.version, k.status]));
    expect(await statuses()).toEqual({ '2026.12.02': 'active', '2026.12.01': 'previous' });
    expect((await store.listKits('quarantined')).length).toBeGreaterThanOrEqual(14);

    const first = (await store.listKits('previous'))[0];
    const rolledBack = await store.rollback(audit);
    expect(rolledBack).toMatchObject({ id: first?.id, status: 'active', version: '2026.12.01', generation: first?.generation });
    expect((await activeFeedInfo(db.pool))?.generation).toBe(first?.generation);
    expect(await statuses()).toEqual({ '2026.12.01': 'active', '2026.12.02': 'previous' });
    const { rows } = await db.pool.query(`SELECT before->>'version' AS before, after->>'version' AS after FROM audit_log WHERE action = 'kit.rolled_back'`);
    expect(rows).toEqual([{ before: '2026.12.02', after: '2026.12.01' }]);
  });

  it('exports the active feed signed with the site key, which another site can verify once it trusts that key', async () => {
    const exported = await store.exportKit(undefined, audit);
    expect(exported.version).toBe('2026.12.2');
    const siteKey = await store.siteKey(audit);
    expect(siteKey.jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: expect.stringMatching(/^execops-site-/) });
    expect(siteKey.jwk).not.toHaveProperty('d');
    const active = await activeFeedInfo(db.pool);
    const verified = await verifyKit(exported.bytes, {
      trustedKeys: [{ name: siteKey.name, jwk: siteKey.jwk, revoked: false }],
      activeVersion: null,
      now: new Date(),
      stalenessDays: 30,
    });
    expect(verified.manifest).toMatchObject({ version: '2026.12.2', createdAt: active?.createdAt });
    expect(verified.feeds.map((f) => [f.ecosystem, f.records.length])).toEqual([
      ['Alpine:v3.18', 1],
      ['Debian:11', 1],
      ['Debian:12', 1],
      ['Go', 1],
      ['Packagist', 1],
      ['PyPI', 1],
      ['crates.io', 1],
      ['npm', 2],
    ]);
    await expect(store.exportKit('2026.12.01', audit)).rejects.toThrow(/above the active kit's 2026\.12\.01/);
  });
});
