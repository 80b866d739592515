export * from './archive/read-tar.ts';
export * from './osv/osv-record.ts';
// `AdvisoryLookup` itself is scan-core's (matching); the lookup here has the same shape.
export { activeFeedInfo, activeFeedLookup } from './kits/feed-lookup.ts';
export { writeTarGz, type TarFile } from './archive/write-tar.ts';
export { detachedJwsKid, generateSigningKey, jwkThumbprint, publicJwk, signDetached, verifyDetached } from './kits/ed25519-jws.ts';
export { analyzerOfEcosystem, buildKit, sha256Hex, type BuildKitInput, type BuiltKit } from './kits/kit-build.ts';
export { KitRejection, verifyKit, type TrustedKey, type VerifiedKit, type VerifyContext } from './kits/kit-verify.ts';
export { KitConflictError, KitNotFoundError, KitRejectedError, TrustKeyNotFoundError } from './kits/kit-errors.ts';
export { KitStore, nextKitVersion, siteKeyName, type ExportedKit, type KitAudit, type KitStoreOptions } from './kits/kit-store.ts';
export { OsvInputError, readOsvInputs } from './kits/osv-files.ts';
export { buildFixtureKit, FIXTURE_KIT_VERSION, FIXTURE_PATHS, FIXTURE_TRUST_KEY_NAME, fixturePublicKey, fixtureSigningKey } from './kits/fixture-kit.ts';
export { ensureDemoFeed } from './kits/demo-feed.ts';
