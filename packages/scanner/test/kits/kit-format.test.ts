import { compareKitVersions, KIT_MANIFEST_FILE, KitVersion } from '@execops/contract';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildFixtureKit, FIXTURE_PATHS, verifyKit, detachedJwsKid, fixturePublicKey, generateSigningKey, publicJwk, sha256Hex, signDetached, verifyDetached } from '../../src/index.ts';
import { kitFiles } from './kit-support.ts';

describe('kit version order', () => {
  it('compares dotted numbers part by part, a missing part counting as 0', () => {
    expect(compareKitVersions('2026.12.02.1', '2026.12.02')).toBe(1);
    expect(compareKitVersions('2026.12.2', '2026.12.02.0')).toBe(0);
    expect(compareKitVersions('2026.9.30', '2026.10.1')).toBe(-1);
    expect(compareKitVersions('10', '9.99')).toBe(1);
    expect(KitVersion.safeParse('2026.12.02-rc1').success).toBe(false);
    expect(KitVersion.safeParse('1..2').success).toBe(false);
  });
});

describe('detached Ed25519 JWS', () => {
  const key = generateSigningKey('k1');
  const payload = Buffer.from('{"version":"1"}\n');

  it('signs as <protected>..<signature> with alg EdDSA and the kid, and verifies only the exact bytes with that key', () => {
    const jws = signDetached(payload, key);
    expect(jws).toMatch(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]{86}$/);
    expect(JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString())).toEqual({ alg: 'EdDSA', kid: 'k1' });
    expect(detachedJwsKid(jws)).toBe('k1');
    expect(verifyDetached(jws, payload, publicJwk(key))).toBe(true);
    expect(verifyDetached(jws, Buffer.from('{"version":"2"}\n'), publicJwk(key))).toBe(false);
    expect(verifyDetached(jws, payload, { ...publicJwk(generateSigningKey()), kid: 'k1' })).toBe(false);
  });

  it('refuses another alg, a missing kid and an attached payload', () => {
    const header = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signature = signDetached(payload, key).split('..')[1];
    expect(() => detachedJwsKid(`${header({ alg: 'HS256', kid: 'k1' })}..${signature}`)).toThrow(/alg "HS256" is not accepted/);
    expect(() => detachedJwsKid(`${header({ alg: 'EdDSA' })}..${signature}`)).toThrow(/names no kid/);
    expect(() => detachedJwsKid(`${header({ alg: 'EdDSA', kid: 'k1' })}.eyJ9.${signature}`)).toThrow(/not a detached compact JWS/);
  });
});

describe('kit build', () => {
  it('is deterministic and signs the manifest bytes it ships', async () => {
    const createdAt = new Date('2026-12-01T00:00:00Z');
    const [a, b] = await Promise.all([buildFixtureKit({ createdAt }), buildFixtureKit({ createdAt })]);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const files = kitFiles(a.bytes);
    expect([...files.keys()].sort()).toEqual([
      'analyzers/composer.json',
      'feeds/alpine-v3.18.json',
      'feeds/crates.io.json',
      'feeds/debian-11.json',
      'feeds/debian-12.json',
      'feeds/go.json',
      'feeds/npm.json',
      'feeds/packagist.json',
      'feeds/pypi.json',
      'offline-manifest.json',
      'offline-manifest.json.jws',
    ]);
    const manifest = files.get(KIT_MANIFEST_FILE) as Buffer;
    const jws = (files.get(`${KIT_MANIFEST_FILE}.jws`) as Buffer).toString().trim();
    expect(verifyDetached(jws, manifest, await fixturePublicKey())).toBe(true);
    expect(JSON.parse(manifest.toString())).toMatchObject({
      schemaVersion: 1,
      version: '0.1',
      createdAt: '2026-12-01T00:00:00.000Z',
      analyzers: [
        { id: 'apk', ecosystems: ['Alpine:v3.18'], source: 'builtin' },
        { id: 'cargo', ecosystems: ['crates.io'], source: 'builtin' },
        { id: 'dpkg', ecosystems: ['Debian:11', 'Debian:12'], source: 'builtin' },
        { id: 'go', ecosystems: ['Go'], source: 'builtin' },
        { id: 'npm', ecosystems: ['npm'], source: 'builtin' },
        { id: 'python', ecosystems: ['PyPI'], source: 'builtin' },
        { id: 'composer', ecosystems: ['Packagist'], source: 'kit', path: 'analyzers/composer.json' },
      ],
    });
  });

  it('the committed fixture kit is the build of the committed OSV files and verifies with the fixture key', async () => {
    const committed = await readFile(FIXTURE_PATHS.kit);
    expect(committed.equals((await buildFixtureKit({ createdAt: new Date('2026-12-02T00:00:00Z') })).bytes)).toBe(true);
    const verified = await verifyKit(committed, {
      trustedKeys: [{ name: 'fixture', jwk: await fixturePublicKey(), revoked: false }],
      activeVersion: null,
      now: new Date('2026-12-02T12:00:00Z'),
      stalenessDays: 30,
    });
    expect(verified.feeds.flatMap((feed) => feed.records.map((r) => r.id)).sort()).toEqual([
      'ALPINE-CVE-2023-5363',
      'DSA-5514-1',
      'DSA-5514-1',
      'GHSA-69ch-w2m2-3vjp',
      'GHSA-f2wf-25xc-69c9',
      'GHSA-j8r2-6x86-q33q',
      'GHSA-jf85-cpcp-j695',
      'GHSA-xvch-5gv4-984h',
      'RUSTSEC-2021-0003',
    ]);
    expect(verified.analyzers.map((a) => [a.definition.id, a.definition.ecosystem, a.sha256])).toEqual([
      ['composer', 'Packagist', sha256Hex(kitFiles(committed).get('analyzers/composer.json') as Buffer)],
    ]);
  });
});
