import {
  compareKitVersions,
  KIT_CLOCK_SKEW_SECONDS,
  KIT_LIMITS,
  KIT_MANIFEST_FILE,
  KIT_SIGNATURE_FILE,
  KitManifest,
  type Ed25519PublicJwk,
  type KitAnalyzerDefinition,
  type KitRejectionCode,
} from '@execops/contract';
import { ArchiveError, readTar, type ArchiveErrorCode, type TarEntry } from '../archive/read-tar.ts';
import { OsvRecord } from '../osv/osv-record.ts';
import { detachedJwsKid, JwsError, verifyDetached } from './ed25519-jws.ts';
import { AnalyzerDefinitionError, checkAnalyzerDefinitions, parseAnalyzerDefinition } from './kit-analyzers.ts';
import { sha256Hex } from './kit-build.ts';
import { firstIssue } from './zod-issue.ts';

/** Why a kit was refused: the code, a message naming the file, digest or key, and what could be read of it. */
export class KitRejection extends Error {
  override name = 'KitRejection';
  constructor(
    readonly code: KitRejectionCode,
    message: string,
    readonly seen: { version?: string; kid?: string } = {},
  ) {
    super(message);
  }
}

export interface TrustedKey {
  name: string;
  jwk: Ed25519PublicJwk;
  revoked: boolean;
}

export interface VerifyContext {
  trustedKeys: readonly TrustedKey[];
  /** The active kit's version; the kit must be strictly newer. */
  activeVersion: string | null;
  now: Date;
  stalenessDays: number;
}

export interface VerifiedFeed {
  ecosystem: string;
  records: OsvRecord[];
}

/** A declarative analyzer the kit carries, with the sha256 of its file. */
export interface VerifiedAnalyzer {
  definition: KitAnalyzerDefinition;
  sha256: string;
}

export interface VerifiedKit {
  manifest: KitManifest;
  keyName: string;
  kid: string;
  feeds: VerifiedFeed[];
  analyzers: VerifiedAnalyzer[];
}

const ARCHIVE_CODES: Record<ArchiveErrorCode, KitRejectionCode> = {
  path_traversal: 'path_traversal',
  too_large: 'archive_too_large',
  too_many_entries: 'too_many_entries',
  unsupported_entry: 'unsupported_entry',
  corrupt: 'archive_corrupt',
};

/**
 * Verifies a kit in the order that trusts nothing unchecked: a bounded read of the archive, the detached signature
 * over the manifest's exact bytes by a trusted, unrevoked key, then the manifest, every entry's size and sha256 (and
 * no file it does not list), the feeds' OSV records, the analyzer definitions, the version order and the creation
 * time.
 */
export async function verifyKit(bytes: Buffer, context: VerifyContext): Promise<VerifiedKit> {
  const files = await readKitFiles(bytes);
  const manifestBytes = files.get(KIT_MANIFEST_FILE);
  if (!manifestBytes) throw new KitRejection('manifest_missing', `the kit has no ${KIT_MANIFEST_FILE}`);
  const signature = files.get(KIT_SIGNATURE_FILE);
  if (!signature) throw new KitRejection('signature_missing', `the kit has no ${KIT_SIGNATURE_FILE}`);
  const key = checkSignature(signature.toString('utf8'), manifestBytes, context.trustedKeys);
  const seen = { kid: key.jwk.kid };
  const manifest = parseManifest(manifestBytes, seen);
  const withVersion = { ...seen, version: manifest.version };
  checkEntries(manifest, files, withVersion);
  const feeds = manifest.feeds.map((feed) => parseFeed(feed.ecosystem, feed.path, feed.advisories, files.get(feed.path) as Buffer, withVersion));
  const analyzers = parseAnalyzers(manifest, files, withVersion);
  if (context.activeVersion !== null && compareKitVersions(manifest.version, context.activeVersion) <= 0) {
    throw new KitRejection('version_not_newer', `version ${manifest.version} is not newer than the active kit's ${context.activeVersion}`, withVersion);
  }
  checkCreatedAt(manifest.createdAt, context, withVersion);
  return { manifest, keyName: key.name, kid: key.jwk.kid, feeds, analyzers };
}

async function readKitFiles(bytes: Buffer): Promise<Map<string, Buffer>> {
  let entries: TarEntry[];
  try {
    entries = await readTar(bytes, {
      limits: { maxEntries: KIT_LIMITS.entries, maxTotalBytes: KIT_LIMITS.totalBytes, maxEntryBytes: KIT_LIMITS.entryBytes },
      keep: () => true,
    });
  } catch (error) {
    if (error instanceof ArchiveError) throw new KitRejection(ARCHIVE_CODES[error.code], error.message);
    throw error;
  }
  const files = new Map<string, Buffer>();
  for (const entry of entries) {
    // Directory entries carry nothing; any other non-file could point outside the kit.
    if (entry.type === 'directory') continue;
    if (entry.type !== 'file') throw new KitRejection('unsupported_entry', `${entry.path}: ${entry.type} entries are not accepted in a kit`);
    if (files.has(entry.path)) throw new KitRejection('duplicate_entry', `${entry.path} appears twice in the archive`);
    files.set(entry.path, entry.data ?? Buffer.alloc(0));
  }
  return files;
}

function checkSignature(jws: string, manifestBytes: Buffer, trustedKeys: readonly TrustedKey[]): TrustedKey {
  let kid: string;
  try {
    kid = detachedJwsKid(jws);
  } catch (error) {
    throw new KitRejection('signature_invalid', `${KIT_SIGNATURE_FILE}: ${error instanceof JwsError ? error.message : String(error)}`);
  }
  const key = trustedKeys.find((candidate) => candidate.jwk.kid === kid);
  if (!key) throw new KitRejection('untrusted_key', `the kit is signed by key ${kid}, which is not a trust key`, { kid });
  if (key.revoked) throw new KitRejection('key_revoked', `the kit is signed by key ${kid} (${key.name}), which was revoked`, { kid });
  if (!verifyDetached(jws, manifestBytes, key.jwk)) {
    throw new KitRejection('signature_invalid', `the signature of ${KIT_MANIFEST_FILE} does not verify with key ${kid} (${key.name})`, { kid });
  }
  return key;
}

function parseManifest(bytes: Buffer, seen: { kid: string }): KitManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new KitRejection('manifest_invalid', `${KIT_MANIFEST_FILE} is not JSON: ${(error as Error).message}`, seen);
  }
  const parsed = KitManifest.safeParse(json);
  if (!parsed.success) {
    throw new KitRejection('manifest_invalid', `${KIT_MANIFEST_FILE}: ${firstIssue(parsed.error)}`, seen);
  }
  return parsed.data;
}

function checkEntries(manifest: KitManifest, files: Map<string, Buffer>, seen: { kid: string; version: string }): void {
  const listed = new Set<string>();
  for (const entry of manifest.entries) {
    if (listed.has(entry.path)) throw new KitRejection('manifest_invalid', `${KIT_MANIFEST_FILE} lists ${entry.path} twice`, seen);
    listed.add(entry.path);
    const data = files.get(entry.path);
    if (!data) throw new KitRejection('entry_missing', `${entry.path} is listed in the manifest but not in the archive`, seen);
    if (data.length !== entry.size) throw new KitRejection('size_mismatch', `${entry.path} is ${data.length} bytes; the manifest says ${entry.size}`, seen);
    const digest = sha256Hex(data);
    if (digest !== entry.sha256) throw new KitRejection('digest_mismatch', `${entry.path} has sha256 ${digest}; the manifest says ${entry.sha256}`, seen);
  }
  for (const path of files.keys()) {
    if (path !== KIT_MANIFEST_FILE && path !== KIT_SIGNATURE_FILE && !listed.has(path)) {
      throw new KitRejection('entry_unlisted', `${path} is in the archive but not listed in the manifest`, seen);
    }
  }
  for (const feed of manifest.feeds) {
    if (!listed.has(feed.path)) throw new KitRejection('manifest_invalid', `feed ${feed.ecosystem}: ${feed.path} is not an entry of the manifest`, seen);
  }
}

function parseFeed(ecosystem: string, path: string, advisories: number, data: Buffer, seen: { kid: string; version: string }): VerifiedFeed {
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch (error) {
    throw new KitRejection('feed_invalid', `${path} is not JSON: ${(error as Error).message}`, seen);
  }
  if (!Array.isArray(json)) throw new KitRejection('feed_invalid', `${path} is not a JSON array of OSV records`, seen);
  const records = json.map((item: unknown, index) => {
    const parsed = OsvRecord.safeParse(item);
    if (!parsed.success) {
      throw new KitRejection('feed_invalid', `${path}[${index}]: not an OSV record: ${firstIssue(parsed.error)}`, seen);
    }
    if (!parsed.data.affected.some((affected) => affected.package.ecosystem === ecosystem)) {
      throw new KitRejection('feed_invalid', `${path}: ${parsed.data.id} affects no ${ecosystem} package`, seen);
    }
    return parsed.data;
  });
  if (records.length !== advisories) {
    throw new KitRejection('feed_invalid', `${path} holds ${records.length} records; the manifest says ${advisories}`, seen);
  }
  return { ecosystem, records };
}

/**
 * The definitions of the manifest's kit analyzers: each file listed (so its digest is checked), a valid definition
 * of the id and ecosystem the manifest gives, and the set consistent (`checkAnalyzerDefinitions`).
 */
function parseAnalyzers(manifest: KitManifest, files: Map<string, Buffer>, seen: { kid: string; version: string }): VerifiedAnalyzer[] {
  const refuse = (message: string) => new KitRejection('analyzer_invalid', message, seen);
  const listed = new Set(manifest.entries.map((entry) => entry.path));
  const analyzers: VerifiedAnalyzer[] = [];
  try {
    for (const declared of manifest.analyzers) {
      if (declared.source !== 'kit' || declared.path === undefined) continue;
      const data = files.get(declared.path);
      if (!listed.has(declared.path) || !data) throw refuse(`analyzer ${declared.id}: ${declared.path} is not an entry of the manifest`);
      const definition = parseAnalyzerDefinition(declared.path, data);
      if (definition.id !== declared.id) throw refuse(`${declared.path} defines analyzer ${definition.id}; the manifest says ${declared.id}`);
      if (declared.ecosystems.length !== 1 || declared.ecosystems[0] !== definition.ecosystem) {
        throw refuse(`analyzer ${declared.id}: the manifest gives ecosystems ${declared.ecosystems.join(', ')}; ${declared.path} reports ${definition.ecosystem}`);
      }
      analyzers.push({ definition, sha256: sha256Hex(data) });
    }
    checkAnalyzerDefinitions(analyzers.map((analyzer) => analyzer.definition));
  } catch (error) {
    if (error instanceof AnalyzerDefinitionError) throw refuse(error.message);
    throw error;
  }
  return analyzers;
}

function checkCreatedAt(createdAt: string, context: VerifyContext, seen: { kid: string; version: string }): void {
  const created = Date.parse(createdAt);
  const ageSeconds = (context.now.getTime() - created) / 1000;
  if (ageSeconds < -KIT_CLOCK_SKEW_SECONDS) {
    throw new KitRejection('created_in_future', `the kit was created at ${createdAt}, after now (${context.now.toISOString()})`, seen);
  }
  if (ageSeconds > context.stalenessDays * 86_400) {
    const days = Math.floor(ageSeconds / 86_400);
    throw new KitRejection('stale', `the kit was created at ${createdAt}, ${days} days ago; the staleness window is ${context.stalenessDays} days`, seen);
  }
}
