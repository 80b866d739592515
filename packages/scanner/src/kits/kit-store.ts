import { readFeedStalenessDays } from '../scans/scanner-settings.ts';
import {
  compareKitVersions,
  Ed25519PrivateJwk,
  Ed25519PublicJwk,
  KitAnalyzerDefinition,
  KitManifest,
  KitVersion,
  type AddTrustKeyRequest,
  type KitDetail,
  type KitOrigin,
  type KitRejectionCode,
  type KitStatus,
  type KitSummary,
  type OperatorContext,
  type SiteKey,
  type TrustKey,
} from '@execops/contract';
import { recordAudit, uuidv7, withTransaction, type Pool, type PoolClient, type Queryable } from '@execops/engine';
import { generateSigningKey, publicJwk } from './ed25519-jws.ts';
import { buildKit, sha256Hex } from './kit-build.ts';
import { KitConflictError, KitNotFoundError, KitRejectedError, TrustKeyNotFoundError } from './kit-errors.ts';
import { KitRejection, verifyKit, type VerifiedKit } from './kit-verify.ts';
import { OsvRecord } from '../osv/osv-record.ts';
import {
  ACTIVE_ADVISORIES_SQL,
  ACTIVE_KIT_SQL,
  FEED_LOCK_SQL,
  GET_TRUST_KEY_SQL,
  INSERT_ACTIVATION_SQL,
  INSERT_ADVISORIES_SQL,
  INSERT_KIT_ANALYZERS_SQL,
  INSERT_KIT_SQL,
  INSERT_QUARANTINE_SQL,
  INSERT_SITE_KEY_SQL,
  INSERT_TRUST_KEY_SQL,
  KIT_ANALYZERS_OF_GENERATION_SQL,
  LIST_KITS_SQL,
  LIST_QUARANTINE_SQL,
  NOW_SQL,
  REVOKE_TRUST_KEY_SQL,
  SITE_KEY_SQL,
  TRUST_KEYS_SQL,
} from './feed-sql.ts';
import type { ActiveKitRow } from './feed-lookup.ts';

/** Site-wide changes are audited in the tenant the request acted for, like token changes. */
export interface KitAudit {
  tenant: string;
  operator: OperatorContext;
}

export interface ExportedKit {
  bytes: Buffer;
  version: string;
  fileName: string;
}

const AUDIT_TARGET = 'scanner_kit';

interface KitRow {
  id: string;
  generation: number;
  version: string;
  created_at: Date;
  received_at: Date;
  sha256: string;
  size: number;
  kid: string;
  key_name: string;
  origin: KitOrigin;
  actor: string;
  manifest: unknown;
  advisories: number;
  activated_at: Date | null;
  rank: number | null;
}

interface QuarantineRow {
  id: string;
  received_at: Date;
  sha256: string;
  size: number;
  reason_code: KitRejectionCode;
  message: string;
  version: string | null;
  kid: string | null;
  origin: KitOrigin;
  actor: string;
}

interface TrustKeyRow {
  kid: string;
  name: string;
  jwk: unknown;
  added_by: string;
  added_at: Date;
  revoked_by: string | null;
  revoked_at: Date | null;
}

function kitStatus(rank: number | null): KitStatus {
  if (rank === 1) return 'active';
  if (rank === 2) return 'previous';
  return 'superseded';
}

function toKitDetail(row: KitRow): KitDetail {
  const manifest = KitManifest.parse(row.manifest);
  return {
    id: row.id,
    status: kitStatus(row.rank),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
    activatedAt: row.activated_at?.toISOString() ?? null,
    generation: row.generation,
    kid: row.kid,
    keyName: row.key_name,
    sha256: row.sha256,
    size: row.size,
    origin: row.origin,
    actor: row.actor,
    advisories: row.advisories,
    feeds: manifest.feeds.map((feed) => ({ ecosystem: feed.ecosystem, advisories: feed.advisories })),
    reason: null,
    manifest,
  };
}

function toQuarantined(row: QuarantineRow): KitDetail {
  return {
    id: row.id,
    status: 'quarantined',
    version: row.version,
    createdAt: null,
    receivedAt: row.received_at.toISOString(),
    activatedAt: null,
    generation: null,
    kid: row.kid,
    keyName: null,
    sha256: row.sha256,
    size: row.size,
    origin: row.origin,
    actor: row.actor,
    advisories: 0,
    feeds: [],
    reason: { code: row.reason_code, message: row.message },
    manifest: null,
  };
}

const summary = ({ manifest: _manifest, ...kit }: KitDetail): KitSummary => kit;

function toTrustKey(row: TrustKeyRow): TrustKey {
  return {
    kid: row.kid,
    name: row.name,
    jwk: Ed25519PublicJwk.parse(row.jwk),
    addedAt: row.added_at.toISOString(),
    addedBy: row.added_by,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokedBy: row.revoked_by,
  };
}

/** The version an export gets by default: the active one with its last part raised by one. */
export function nextKitVersion(active: string): string {
  const parts = active.split('.');
  parts[parts.length - 1] = String(Number(parts.at(-1)) + 1);
  return parts.join('.');
}

/**
 * Offline kits and their feeds (SPEC §9): import = verify, then activate atomically as a new feed generation; a
 * refused kit leaves one quarantine row (and its audit entry) and changes nothing else.
 */
export class KitStore {
  constructor(private readonly pool: Pool) {}

  async importKit(bytes: Buffer, origin: KitOrigin, audit: KitAudit): Promise<KitSummary> {
    const sha256 = sha256Hex(bytes);
    const stalenessDays = await readFeedStalenessDays(this.pool);
    try {
      const kitId = await withTransaction(this.pool, async (client) => {
        await client.query(FEED_LOCK_SQL);
        const verified = await verifyKit(bytes, {
          trustedKeys: (await this.trustKeyRows(client)).map((key) => ({ name: key.name, jwk: toTrustKey(key).jwk, revoked: key.revoked_at !== null })),
          activeVersion: (await client.query<ActiveKitRow>(ACTIVE_KIT_SQL)).rows[0]?.version ?? null,
          now: (await client.query<{ now: Date }>(NOW_SQL)).rows[0]?.now ?? new Date(),
          stalenessDays,
        });
        return this.activateNew(client, verified, { sha256, size: bytes.length, origin }, audit);
      });
      return summary(await this.getKit(kitId));
    } catch (error) {
      if (!(error instanceof KitRejection)) throw error;
      const quarantineId = await this.quarantine(error, { sha256, size: bytes.length, origin }, audit);
      throw new KitRejectedError(quarantineId, error.code, error.message);
    }
  }

  private async activateNew(client: PoolClient, kit: VerifiedKit, upload: { sha256: string; size: number; origin: KitOrigin }, audit: KitAudit): Promise<string> {
    const id = uuidv7();
    const rows = advisoryRows(kit);
    const { rows: inserted } = await client.query<{ generation: number }>(INSERT_KIT_SQL, [
      id,
      kit.manifest.version,
      kit.manifest.createdAt,
      upload.sha256,
      upload.size,
      kit.kid,
      kit.keyName,
      upload.origin,
      audit.operator.actor,
      JSON.stringify(kit.manifest),
      new Set(rows.map((row) => row.id)).size,
    ]);
    const generation = inserted[0]?.generation;
    await client.query(INSERT_ADVISORIES_SQL, [
      generation,
      rows.map((row) => row.ecosystem),
      rows.map((row) => row.name),
      rows.map((row) => row.id),
      rows.map((row) => row.record),
    ]);
    await client.query(INSERT_KIT_ANALYZERS_SQL, [
      generation,
      kit.analyzers.map((analyzer) => analyzer.definition.id),
      kit.analyzers.map((analyzer) => JSON.stringify(analyzer.definition)),
      kit.analyzers.map((analyzer) => analyzer.sha256),
    ]);
    await client.query(INSERT_ACTIVATION_SQL, [id, 'import', audit.operator.actor]);
    const analyzers = kit.analyzers.map((analyzer) => analyzer.definition.id);
    const after = { version: kit.manifest.version, generation, sha256: upload.sha256, kid: kit.kid, origin: upload.origin, analyzers };
    await recordAudit(client, [{ ...audit, action: 'kit.imported', targetType: AUDIT_TARGET, targetId: id, after }]);
    return id;
  }

  private async quarantine(rejection: KitRejection, upload: { sha256: string; size: number; origin: KitOrigin }, audit: KitAudit): Promise<string> {
    const id = uuidv7();
    await withTransaction(this.pool, async (client) => {
      await client.query(INSERT_QUARANTINE_SQL, [
        id,
        upload.sha256,
        upload.size,
        rejection.code,
        rejection.message,
        rejection.seen.version ?? null,
        rejection.seen.kid ?? null,
        upload.origin,
        audit.operator.actor,
      ]);
      const after = { reason: rejection.code, message: rejection.message, sha256: upload.sha256 };
      await recordAudit(client, [{ ...audit, action: 'kit.quarantined', targetType: AUDIT_TARGET, targetId: id, after }]);
    });
    return id;
  }

  /** Verified kits (active, previous, superseded) and quarantined uploads, newest first. */
  async listKits(status?: KitStatus): Promise<KitSummary[]> {
    const kits = (await this.pool.query<KitRow>(LIST_KITS_SQL, [null])).rows.map(toKitDetail);
    const quarantined = (await this.pool.query<QuarantineRow>(LIST_QUARANTINE_SQL, [null])).rows.map(toQuarantined);
    return [...kits, ...quarantined]
      .filter((kit) => status === undefined || kit.status === status)
      .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : a.id < b.id ? 1 : -1))
      .map(summary);
  }

  async listQuarantine(): Promise<KitSummary[]> {
    return (await this.pool.query<QuarantineRow>(LIST_QUARANTINE_SQL, [null])).rows.map(toQuarantined).map(summary);
  }

  async getKit(id: string): Promise<KitDetail> {
    const kit = (await this.pool.query<KitRow>(LIST_KITS_SQL, [id])).rows[0];
    if (kit) return toKitDetail(kit);
    const quarantined = (await this.pool.query<QuarantineRow>(LIST_QUARANTINE_SQL, [id])).rows[0];
    if (quarantined) return toQuarantined(quarantined);
    throw new KitNotFoundError(`kit ${id} not found`);
  }

  /** Re-activates the kit that was active before the current one (its generation, as it was); audited. */
  async rollback(audit: KitAudit): Promise<KitSummary> {
    const kitId = await withTransaction(this.pool, async (client) => {
      await client.query(FEED_LOCK_SQL);
      const rows = (await client.query<KitRow>(LIST_KITS_SQL, [null])).rows;
      const active = rows.find((row) => row.rank === 1);
      const previous = rows.find((row) => row.rank === 2);
      if (!active || !previous) throw new KitConflictError('there is no previous kit to roll back to');
      await client.query(INSERT_ACTIVATION_SQL, [previous.id, 'rollback', audit.operator.actor]);
      await recordAudit(client, [
        {
          ...audit,
          action: 'kit.rolled_back',
          targetType: AUDIT_TARGET,
          targetId: previous.id,
          before: { kitId: active.id, version: active.version, generation: active.generation },
          after: { kitId: previous.id, version: previous.version, generation: previous.generation },
        },
      ]);
      return previous.id;
    });
    return summary(await this.getKit(kitId));
  }

  /**
   * A kit of the active feed and its analyzers signed with the site key, for another site that trusts this one. It
   * keeps the active kit's createdAt (the feed is no fresher for being re-signed) and gets a version above the
   * active one.
   */
  async exportKit(requestedVersion: string | undefined, audit: KitAudit): Promise<ExportedKit> {
    return withTransaction(this.pool, async (client) => {
      const active = (await client.query<ActiveKitRow>(ACTIVE_KIT_SQL)).rows[0];
      if (!active) throw new KitConflictError('no kit is active: there is no feed to export');
      const version = requestedVersion ?? nextKitVersion(active.version);
      if (!KitVersion.safeParse(version).success || compareKitVersions(version, active.version) <= 0) {
        throw new KitConflictError(`the export version must be dotted numbers above the active kit's ${active.version}; got ${version}`);
      }
      const records = (await client.query<{ record: unknown }>(ACTIVE_ADVISORIES_SQL, [active.generation])).rows.map((row) => OsvRecord.parse(row.record));
      const analyzers = (await client.query<{ definition: unknown }>(KIT_ANALYZERS_OF_GENERATION_SQL, [active.generation])).rows.map((row) =>
        KitAnalyzerDefinition.parse(row.definition),
      );
      const signingKey = await this.siteSigningKey(client, audit);
      const { bytes } = buildKit({ records, analyzers, version, createdAt: active.created_at, signingKey });
      const after = { version, fromKit: active.id, generation: active.generation, sha256: sha256Hex(bytes), kid: signingKey.kid };
      await recordAudit(client, [{ ...audit, action: 'kit.exported', targetType: AUDIT_TARGET, targetId: active.id, after }]);
      return { bytes, version, fileName: `execops-kit-${version}.tar.gz` };
    });
  }

  /** The public half of the site's signing key (created on first use). */
  async siteKey(audit: KitAudit): Promise<SiteKey> {
    return withTransaction(this.pool, async (client) => {
      const key = await this.siteSigningKey(client, audit);
      const { rows } = await client.query<{ created_at: Date }>(SITE_KEY_SQL);
      return { name: siteKeyName(key.kid), jwk: publicJwk(key), createdAt: (rows[0]?.created_at ?? new Date()).toISOString() };
    });
  }

  private async siteSigningKey(client: PoolClient, audit: KitAudit): Promise<Ed25519PrivateJwk> {
    const existing = (await client.query<{ private_jwk: unknown }>(SITE_KEY_SQL)).rows[0];
    if (existing) return Ed25519PrivateJwk.parse(existing.private_jwk);
    const fresh = generateSigningKey();
    const key = { ...fresh, kid: `execops-site-${fresh.kid.slice(0, 16)}` };
    await client.query(INSERT_SITE_KEY_SQL, [key.kid, JSON.stringify(key)]);
    // Two first uses racing: the loser's insert did nothing, so read the winner's key.
    const stored = Ed25519PrivateJwk.parse((await client.query<{ private_jwk: unknown }>(SITE_KEY_SQL)).rows[0]?.private_jwk);
    if (stored.kid === key.kid) {
      await recordAudit(client, [{ ...audit, action: 'site_key.created', targetType: 'scanner_site_key', targetId: key.kid, after: { jwk: publicJwk(key) } }]);
    }
    return stored;
  }

  async listTrustKeys(): Promise<TrustKey[]> {
    return (await this.trustKeyRows(this.pool)).map(toTrustKey);
  }

  private async trustKeyRows(db: Queryable): Promise<TrustKeyRow[]> {
    return (await db.query<TrustKeyRow>(TRUST_KEYS_SQL)).rows;
  }

  async addTrustKey(request: AddTrustKeyRequest, audit: KitAudit): Promise<TrustKey> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<TrustKeyRow>(INSERT_TRUST_KEY_SQL, [request.jwk.kid, request.name, JSON.stringify(request.jwk), audit.operator.actor]);
      const row = rows[0];
      if (!row) throw new KitConflictError(`a trust key with kid ${request.jwk.kid} exists already (a revoked kid cannot be reused)`);
      const key = toTrustKey(row);
      await recordAudit(client, [{ ...audit, action: 'trust_key.added', targetType: 'scanner_trust_key', targetId: key.kid, after: { name: key.name, jwk: key.jwk } }]);
      return key;
    });
  }

  async revokeTrustKey(kid: string, audit: KitAudit): Promise<TrustKey> {
    return withTransaction(this.pool, async (client) => {
      const row = (await client.query<TrustKeyRow>(REVOKE_TRUST_KEY_SQL, [kid, audit.operator.actor])).rows[0];
      if (!row) {
        const exists = (await client.query(GET_TRUST_KEY_SQL, [kid])).rowCount;
        if (exists) throw new KitConflictError(`trust key ${kid} is revoked already`);
        throw new TrustKeyNotFoundError(`trust key ${kid} not found`);
      }
      const key = toTrustKey(row);
      await recordAudit(client, [{ ...audit, action: 'trust_key.revoked', targetType: 'scanner_trust_key', targetId: kid, before: { name: key.name }, after: { revokedAt: key.revokedAt } }]);
      return key;
    });
  }
}

export const siteKeyName = (kid: string) => `execops site key ${kid}`;

interface AdvisoryRow {
  ecosystem: string;
  name: string;
  id: string;
  record: string;
}

/** One row per (ecosystem, package, advisory) of each feed; a record naming a package twice gives one row. */
function advisoryRows(kit: VerifiedKit): AdvisoryRow[] {
  const rows = new Map<string, AdvisoryRow>();
  for (const feed of kit.feeds) {
    for (const record of feed.records) {
      const text = JSON.stringify(record);
      for (const affected of record.affected) {
        if (affected.package.ecosystem !== feed.ecosystem) continue;
        const key = JSON.stringify([feed.ecosystem, affected.package.name, record.id]);
        rows.set(key, { ecosystem: feed.ecosystem, name: affected.package.name, id: record.id, record: text });
      }
    }
  }
  return [...rows.values()];
}
