import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ed25519PrivateJwk, type Ed25519PublicJwk } from '@execops/contract';
import { publicJwk } from './ed25519-jws.ts';
import { readAnalyzerDefinitions } from './kit-analyzers.ts';
import { buildKit, type BuiltKit } from './kit-build.ts';
import { readOsvInputs } from './osv-files.ts';

// The sample kit: real OSV advisories and a declarative analyzer (composer), signed with a TEST-ONLY key whose
// private half is committed (public knowledge, so a kit signed with it proves nothing). The first start trusts it
// under FIXTURE_TRUST_KEY_NAME.

const fixtures = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));

export const FIXTURE_PATHS = {
  osvDir: fixtures('osv'),
  analyzersDir: fixtures('analyzers'),
  signingKey: fixtures('fixture-signing-key.private.jwk.json'),
  kit: fixtures('fixture-kit.tar.gz'),
} as const;

export const FIXTURE_TRUST_KEY_NAME = 'execops sample kit (demo)';
/** Low, so any real kit (e.g. 2026.12.02) is newer than the demo feed. */
export const FIXTURE_KIT_VERSION = '0.1';

export async function fixtureSigningKey(): Promise<Ed25519PrivateJwk> {
  return Ed25519PrivateJwk.parse(JSON.parse(await readFile(FIXTURE_PATHS.signingKey, 'utf8')));
}

export async function fixturePublicKey(): Promise<Ed25519PublicJwk> {
  return publicJwk(await fixtureSigningKey());
}

/** The sample kit built from the committed OSV and analyzer files (the committed tarball is this with a fixed createdAt). */
export async function buildFixtureKit(options: { createdAt: Date; version?: string }): Promise<BuiltKit> {
  return buildKit({
    records: await readOsvInputs([FIXTURE_PATHS.osvDir]),
    analyzers: await readAnalyzerDefinitions([FIXTURE_PATHS.analyzersDir]),
    version: options.version ?? FIXTURE_KIT_VERSION,
    createdAt: options.createdAt,
    signingKey: await fixtureSigningKey(),
  });
}
