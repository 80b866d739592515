// Offline kits, feed generations and trust keys of the scanner (SPEC §9).
import { z } from 'zod';
import { AnalyzerId, AnalyzerSource } from './scanner-analyzers.ts';

const isoDate = z.iso.datetime({ offset: true });

/** The kit's files: the manifest at the archive root and its detached signature beside it. */
export const KIT_MANIFEST_FILE = 'offline-manifest.json';
export const KIT_SIGNATURE_FILE = 'offline-manifest.json.jws';
export const KIT_MANIFEST_SCHEMA_VERSION = 1;

/** Largest kit upload (the compressed `.tar.gz`) and the bounds its content is read with. */
export const KIT_LIMITS = {
  uploadBytes: 64 * 1024 * 1024,
  entries: 2_000,
  totalBytes: 512 * 1024 * 1024,
  entryBytes: 256 * 1024 * 1024,
} as const;

/** Until the scanner settings hold it, the window after which a kit counts as stale (import refused, card DEGRADED). */
export const DEFAULT_FEED_STALENESS_DAYS = 30;
/** A kit created up to this far in the future is accepted (clock skew between sites). */
export const KIT_CLOCK_SKEW_SECONDS = 300;

/**
 * Kit versions are dotted numbers (`2026.12.02.1`): compared segment by segment as integers, a missing segment
 * counting as 0, so `2026.12.02.1` > `2026.12.02` = `2026.12.2.0`. An import must be strictly greater than the
 * active kit.
 */
export const KitVersion = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,9}){0,7}$/, 'version: dotted numbers such as 2026.12.02.1 (≤ 8 parts of ≤ 9 digits)');
export type KitVersion = z.infer<typeof KitVersion>;

/** < 0, 0 or > 0 as `a` is older than, equal to or newer than `b` (both valid `KitVersion`s). */
export function compareKitVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256: 64 lower-case hex digits');
/** A relative path inside the kit: no `..`, no leading `/`, forward slashes. */
const KitPath = z
  .string()
  .min(1)
  .max(255)
  .regex(/^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._@:+/-]+$/, 'path: a relative path without "." or ".." segments');

export const KitManifestEntry = z.strictObject({ path: KitPath, sha256: Sha256Hex, size: z.int().min(0) });
export type KitManifestEntry = z.infer<typeof KitManifestEntry>;

/** One feed of the kit: a JSON array of OSV records of one ecosystem (OSV name: `npm`, `PyPI`, `Debian:12`, …). */
export const KitFeed = z.strictObject({ ecosystem: z.string().min(1).max(100), path: KitPath, advisories: z.int().min(0) });
export type KitFeed = z.infer<typeof KitFeed>;

/**
 * An analyzer the kit's feeds are meant for (by the analyzer registry's id), with the ecosystems it reports: a
 * built-in one, or one the kit carries (`source: 'kit'`) whose definition is the entry at `path`.
 */
export const KitAnalyzer = z
  .strictObject({
    id: AnalyzerId,
    ecosystems: z.array(z.string().min(1)).min(1),
    source: AnalyzerSource.default('builtin'),
    path: KitPath.optional(),
  })
  .refine((analyzer) => (analyzer.source === 'kit') === (analyzer.path !== undefined), {
    message: 'a kit analyzer names its definition file (path); a built-in one does not',
    path: ['path'],
  });
export type KitAnalyzer = z.infer<typeof KitAnalyzer>;

/** `offline-manifest.json`: every other file of the kit is an entry (the signature file is the one exception). */
export const KitManifest = z
  .strictObject({
    schemaVersion: z.literal(KIT_MANIFEST_SCHEMA_VERSION),
    version: KitVersion,
    createdAt: isoDate,
    entries: z.array(KitManifestEntry).min(1),
    feeds: z.array(KitFeed).min(1),
    analyzers: z.array(KitAnalyzer),
  })
  .meta({ id: 'KitManifest' });
export type KitManifest = z.infer<typeof KitManifest>;

/** Why a kit was refused; the quarantine row keeps the code and a message naming the file, digest or key. */
export const KitRejectionCode = z.enum([
  'archive_corrupt',
  'archive_too_large',
  'too_many_entries',
  'path_traversal',
  'unsupported_entry',
  'duplicate_entry',
  'manifest_missing',
  'manifest_invalid',
  'signature_missing',
  'signature_invalid',
  'untrusted_key',
  'key_revoked',
  'entry_missing',
  'entry_unlisted',
  'size_mismatch',
  'digest_mismatch',
  'feed_invalid',
  'analyzer_invalid',
  'version_not_newer',
  'stale',
  'created_in_future',
]);
export type KitRejectionCode = z.infer<typeof KitRejectionCode>;

export const KitStatus = z.enum(['active', 'previous', 'superseded', 'quarantined']);
export type KitStatus = z.infer<typeof KitStatus>;

/** Where a kit came from: an upload (console, CLI, API), the first start's demo feed. */
export const KitOrigin = z.enum(['upload', 'first-start']);
export type KitOrigin = z.infer<typeof KitOrigin>;

export const KitFeedSummary = z.strictObject({ ecosystem: z.string(), advisories: z.int() });

/**
 * One kit as the list shows it. Verified kits have a feed generation; a quarantined upload has `reason` and, when
 * the manifest could be read, its version and key id.
 */
export const KitSummary = z
  .object({
    id: z.uuid(),
    status: KitStatus,
    version: z.string().nullable(),
    createdAt: isoDate.nullable(),
    receivedAt: isoDate,
    activatedAt: isoDate.nullable().describe('the latest activation (import or rollback), null if never active'),
    generation: z.int().nullable(),
    kid: z.string().nullable(),
    keyName: z.string().nullable(),
    sha256: Sha256Hex.describe('of the uploaded bytes'),
    size: z.int(),
    origin: KitOrigin,
    actor: z.string(),
    advisories: z.int(),
    feeds: z.array(KitFeedSummary),
    reason: z.object({ code: KitRejectionCode, message: z.string() }).nullable(),
  })
  .meta({ id: 'KitSummary' });
export type KitSummary = z.infer<typeof KitSummary>;

export const KitList = z.object({ items: z.array(KitSummary) }).meta({ id: 'KitList' });
export type KitList = z.infer<typeof KitList>;

export const KitDetail = KitSummary.extend({ manifest: KitManifest.nullable() }).meta({ id: 'KitDetail' });
export type KitDetail = z.infer<typeof KitDetail>;

export const KitIdParams = z.object({ id: z.uuid() });

/** `GET /api/v1/scanner/kits?status=…`. */
export const ListKitsQuery = z.object({ status: KitStatus.optional() });
export type ListKitsQuery = z.infer<typeof ListKitsQuery>;

/** The active feed: what scans match against and record (`activeFeedInfo`). */
export const FeedInfo = z
  .object({
    kitId: z.uuid(),
    version: z.string(),
    createdAt: isoDate,
    activatedAt: isoDate,
    generation: z.int(),
    ageSeconds: z.number(),
    stale: z.boolean(),
    stalenessDays: z.int(),
    advisories: z.int(),
    feeds: z.array(KitFeedSummary),
    keyName: z.string(),
    demo: z.boolean().describe('the first start’s sample feed, not a real one'),
  })
  .meta({ id: 'FeedInfo' });
export type FeedInfo = z.infer<typeof FeedInfo>;

/** `GET /api/v1/scanner/feed`: `feed` is null before any kit was imported. */
export const FeedStatus = z.object({ feed: FeedInfo.nullable() }).meta({ id: 'FeedStatus' });
export type FeedStatus = z.infer<typeof FeedStatus>;

/** A public Ed25519 key as a JWK (RFC 8037); `kid` names it in the kit signature's protected header. */
export const Ed25519PublicJwk = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'x: the 32-byte public key, base64url'),
    kid: z.string().min(1).max(128).regex(/^[A-Za-z0-9._:@-]+$/, 'kid: letters, digits, ".", "_", ":", "@" or "-"'),
  })
  .meta({ id: 'Ed25519PublicJwk' });
export type Ed25519PublicJwk = z.infer<typeof Ed25519PublicJwk>;

/** The private half (`d`); only kit builders and the site's own signing key hold one. */
export const Ed25519PrivateJwk = Ed25519PublicJwk.extend({ d: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'd: the 32-byte private key, base64url') });
export type Ed25519PrivateJwk = z.infer<typeof Ed25519PrivateJwk>;

export const TrustKeyName = z.string().trim().min(1).max(128);

export const TrustKey = z
  .object({
    kid: z.string(),
    name: z.string(),
    jwk: Ed25519PublicJwk,
    addedAt: isoDate,
    addedBy: z.string(),
    revokedAt: isoDate.nullable(),
    revokedBy: z.string().nullable(),
  })
  .meta({ id: 'TrustKey' });
export type TrustKey = z.infer<typeof TrustKey>;

export const TrustKeyList = z.object({ items: z.array(TrustKey) }).meta({ id: 'TrustKeyList' });
export type TrustKeyList = z.infer<typeof TrustKeyList>;

export const AddTrustKeyRequest = z.strictObject({ name: TrustKeyName, jwk: Ed25519PublicJwk }).meta({ id: 'AddTrustKeyRequest' });
export type AddTrustKeyRequest = z.infer<typeof AddTrustKeyRequest>;

export const TrustKeyParams = z.object({ kid: z.string().min(1).max(128) });

/** The site's own signing key (public half) that another site adds as a trust key to import this site's exports. */
export const SiteKey = z.object({ name: z.string(), jwk: Ed25519PublicJwk, createdAt: isoDate }).meta({ id: 'SiteKey' });
export type SiteKey = z.infer<typeof SiteKey>;

/** `POST /api/v1/scanner/kits/export`: the version defaults to one above the active kit's. */
export const ExportKitQuery = z.object({ version: KitVersion.optional() });
export type ExportKitQuery = z.infer<typeof ExportKitQuery>;

/** The answer of a refused import (HTTP 422, `details`): the quarantine row written for it. */
export const KitRejectionDetails = z.object({ quarantineId: z.uuid(), reason: KitRejectionCode });
export type KitRejectionDetails = z.infer<typeof KitRejectionDetails>;
