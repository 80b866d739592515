import { ErrorEnvelope, FeedStatus, Overview, KIT_LIMITS, ScannerSettings, KitDetail, KitList, KitSummary, SiteKey, TrustKey, TrustKeyList } from '@execops/contract';
import { buildFixtureKit, fixturePublicKey, verifyKit } from '@execops/scanner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

const reason = { 'x-operator-reason': 'kit api test' };
const upload = (payload: Buffer, contentType = 'application/gzip') =>
  fx.app.inject({ method: 'POST', url: '/api/v1/scanner/kits/import', headers: { ...reason, 'content-type': contentType }, payload });
const error = (res: { json(): unknown }) => ErrorEnvelope.parse(res.json()).error;

describe('scanner kit API', () => {
  it('has no feed before the first import, and refuses rollback and export', async () => {
    expect(FeedStatus.parse((await fx.app.inject({ url: '/api/v1/scanner/feed' })).json())).toEqual({ feed: null });
    const rollback = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/kits/rollback', headers: reason });
    expect([rollback.statusCode, error(rollback).message]).toEqual([409, 'there is no previous kit to roll back to']);
    const exported = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/kits/export', headers: reason });
    expect(exported.statusCode).toBe(409);
  });

  it('quarantines a kit signed by a key nobody trusts yet, answering 422 with the quarantine id', async () => {
    const kit = await buildFixtureKit({ createdAt: new Date(), version: '2026.12.01' });
    const res = await upload(kit.bytes);
    expect(res.statusCode).toBe(422);
    const body = error(res);
    expect(body).toMatchObject({ code: 'kit_rejected', message: 'the kit is signed by key execops-fixture-demo, which is not a trust key', details: { reason: 'untrusted_key' } });
    const quarantined = KitList.parse((await fx.app.inject({ url: '/api/v1/scanner/kits/quarantine' })).json()).items;
    expect(quarantined.map((k) => [k.id, k.status, k.reason?.code])).toEqual([[(body.details as { quarantineId: string }).quarantineId, 'quarantined', 'untrusted_key']]);
  });

  it('trusts a key, imports a kit, shows it as the active feed and lists it', async () => {
    const added = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/trust-keys', headers: reason, payload: { name: 'fixture', jwk: await fixturePublicKey() } });
    expect(added.statusCode).toBe(201);
    expect(TrustKey.parse(added.json())).toMatchObject({ kid: 'execops-fixture-demo', name: 'fixture', revokedAt: null });
    const again = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/trust-keys', headers: reason, payload: { name: 'twice', jwk: await fixturePublicKey() } });
    expect(again.statusCode).toBe(409);

    const kit = await buildFixtureKit({ createdAt: new Date(), version: '2026.12.01' });
    const res = await upload(kit.bytes, 'application/octet-stream');
    expect(res.statusCode).toBe(201);
    const imported = KitSummary.parse(res.json());
    expect(imported).toMatchObject({ status: 'active', version: '2026.12.01', keyName: 'fixture', advisories: 8 });
    const feed = FeedStatus.parse((await fx.app.inject({ url: '/api/v1/scanner/feed' })).json()).feed;
    expect(feed).toMatchObject({ kitId: imported.id, version: '2026.12.01', stale: false, demo: false, advisories: 8 });
    expect(feed?.feeds).toEqual([
      { ecosystem: 'Alpine:v3.18', advisories: 1 },
      { ecosystem: 'Debian:11', advisories: 1 },
      { ecosystem: 'Debian:12', advisories: 1 },
      { ecosystem: 'Go', advisories: 1 },
      { ecosystem: 'Packagist', advisories: 1 },
      { ecosystem: 'PyPI', advisories: 1 },
      { ecosystem: 'crates.io', advisories: 1 },
      { ecosystem: 'npm', advisories: 2 },
    ]);
    const detail = KitDetail.parse((await fx.app.inject({ url: `/api/v1/scanner/kits/${imported.id}` })).json());
    expect(detail.manifest).toEqual(kit.manifest);
    expect(detail.manifest?.analyzers.find((a) => a.source === 'kit')).toEqual({ id: 'composer', ecosystems: ['Packagist'], source: 'kit', path: 'analyzers/composer.json' });
    const listed = KitList.parse((await fx.app.inject({ url: '/api/v1/scanner/kits?status=active' })).json()).items;
    expect(listed.map((k) => k.id)).toEqual([imported.id]);
    const audit = (await fx.app.inject({ url: '/api/v1/audit?targetType=scanner_kit&action=kit.imported' })).json() as { items: Array<{ targetId: string; reason: string }> };
    expect(audit.items.map((a) => [a.targetId, a.reason])).toEqual([[imported.id, 'kit api test']]);
  });

  it('refuses an older version with its reason and keeps the active feed', async () => {
    const before = FeedStatus.parse((await fx.app.inject({ url: '/api/v1/scanner/feed' })).json()).feed;
    const res = await upload((await buildFixtureKit({ createdAt: new Date(), version: '2026.11.30' })).bytes);
    expect(error(res)).toMatchObject({ code: 'kit_rejected', details: { reason: 'version_not_newer' } });
    const after = FeedStatus.parse((await fx.app.inject({ url: '/api/v1/scanner/feed' })).json()).feed;
    expect(after?.generation).toBe(before?.generation);
  });

  it('exports the active feed signed with the site key as a gzip download', async () => {
    const res = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/kits/export?version=2026.12.01.1', headers: reason });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/gzip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="execops-kit-2026.12.01.1.tar.gz"');
    const siteKey = SiteKey.parse((await fx.app.inject({ url: '/api/v1/scanner/site-key' })).json());
    const verified = await verifyKit(res.rawPayload, { trustedKeys: [{ name: siteKey.name, jwk: siteKey.jwk, revoked: false }], activeVersion: '2026.12.01', now: new Date(), stalenessDays: 30 });
    expect(verified.manifest.version).toBe('2026.12.01.1');
    const older = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/kits/export?version=2026.1', headers: reason });
    expect(error(older)).toMatchObject({ code: 'conflict' });
  });

  it('answers 413 for an oversized upload and 415 for a JSON body', async () => {
    const big = await fx.app.inject({
      method: 'POST',
      url: '/api/v1/scanner/kits/import',
      headers: { ...reason, 'content-type': 'application/gzip', 'content-length': String(KIT_LIMITS.uploadBytes + 1) },
      payload: Buffer.alloc(16),
    });
    expect([big.statusCode, error(big).message]).toEqual([413, 'a kit upload is at most 64 MiB; this one is 64.0 MiB']);
    const json = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/kits/import', headers: reason, payload: { kit: 'no' } });
    expect([json.statusCode, error(json).code]).toEqual([415, 'unsupported_media_type']);
  });

  it('revokes a trust key once (404 for an unknown one, 409 twice) and needs a reason', async () => {
    const noReason = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/trust-keys/execops-fixture-demo/revoke' });
    expect(noReason.statusCode).toBe(400);
    const revoked = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/trust-keys/execops-fixture-demo/revoke', headers: reason });
    expect(TrustKey.parse(revoked.json()).revokedAt).not.toBeNull();
    expect((await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/trust-keys/execops-fixture-demo/revoke', headers: reason })).statusCode).toBe(409);
    expect((await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/trust-keys/nobody/revoke', headers: reason })).statusCode).toBe(404);
    const keys = TrustKeyList.parse((await fx.app.inject({ url: '/api/v1/scanner/trust-keys' })).json()).items;
    expect(keys.map((k) => [k.kid, k.revokedAt !== null])).toEqual([['execops-fixture-demo', true]]);
  });

  it('shows the active kit on the overview Scanner card, DEGRADED once it is older than the staleness window', async () => {
    const card = async () => Overview.parse((await fx.app.inject({ url: '/api/v1/overview' })).json()).areas.find((a) => a.area === 'scanner');
    const fresh = await card();
    expect(fresh).toMatchObject({ status: 'INFO', summary: 'Kit 2026.12.01 active, 0 days old' });
    expect(fresh?.figures.map((f) => f.label)).toEqual(['Active kit age', 'Advisories', 'Quarantined (24 h)']);
    expect(fresh?.reasons.map((r) => r.code)).toEqual(['kits_quarantined']);
    // Time passing, as the database sees it: the active kit was created 40 days ago.
    await fx.db.pool.query(`UPDATE scanner_kits SET created_at = now() - interval '40 days'`);
    const stale = await card();
    expect(stale).toMatchObject({ status: 'DEGRADED', summary: 'Kit 2026.12.01 active, 40 days old' });
    expect(stale?.reasons[0]).toMatchObject({ status: 'DEGRADED', code: 'kit_stale', value: 40, threshold: 30, link: { to: '/ops/scanner-ops/offline-kits' } });
    expect(FeedStatus.parse((await fx.app.inject({ url: '/api/v1/scanner/feed' })).json()).feed).toMatchObject({ stale: true });
  });

  it('takes the staleness window from the scanner settings: the card, the feed and the next import follow a change', async () => {
    const settings = ScannerSettings.parse((await fx.app.inject({ url: '/api/v1/scanner/settings' })).json());
    const { updatedAt: _u, updatedBy: _b, ...input } = settings;
    const save = (feedStalenessDays: number) =>
      fx.app.inject({ method: 'PUT', url: '/api/v1/scanner/settings', headers: reason, payload: { ...input, feedStalenessDays } });
    // The active kit is 40 days old (previous test): a 60-day window makes it fresh again.
    expect((await save(60)).statusCode).toBe(200);
    const card = Overview.parse((await fx.app.inject({ url: '/api/v1/overview' })).json()).areas.find((a) => a.area === 'scanner');
    expect(card?.status).toBe('INFO');
    expect(FeedStatus.parse((await fx.app.inject({ url: '/api/v1/scanner/feed' })).json()).feed).toMatchObject({ stale: false, stalenessDays: 60 });

    // A kit of this feed signed by the site key keeps the active kit's createdAt (40 days ago).
    const siteKey = SiteKey.parse((await fx.app.inject({ url: '/api/v1/scanner/site-key' })).json());
    expect((await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/trust-keys', headers: reason, payload: { name: 'site', jwk: siteKey.jwk } })).statusCode).toBe(201);
    const exported = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/kits/export?version=2026.12.05', headers: reason });
    expect(exported.statusCode).toBe(200);
    expect((await save(30)).statusCode).toBe(200);
    const refused = await upload(exported.rawPayload);
    expect(refused.statusCode).toBe(422);
    expect(error(refused)).toMatchObject({ code: 'kit_rejected', details: { reason: 'stale' } });
    expect(error(refused).message).toContain('the staleness window is 30 days');
    expect((await save(60)).statusCode).toBe(200);
    expect((await upload(exported.rawPayload)).statusCode).toBe(201);
    expect((await save(settings.feedStalenessDays)).statusCode).toBe(200);
  });
});
