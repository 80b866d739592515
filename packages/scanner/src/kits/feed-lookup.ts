import { KitManifest, type FeedInfo } from '@execops/contract';
import { readFeedStalenessDays } from '../scans/scanner-settings.ts';
import type { Queryable } from '@execops/engine';
import { OsvRecord } from '../osv/osv-record.ts';
import { ACTIVE_KIT_SQL, ADVISORIES_OF_PACKAGE_SQL } from './feed-sql.ts';

/** Finds the advisories of one package (OSV ecosystem and name) in the feed. */
export type AdvisoryLookup = (ecosystem: string, name: string) => Promise<readonly OsvRecord[]>;

export interface ActiveKitRow {
  id: string;
  generation: number;
  version: string;
  created_at: Date;
  key_name: string;
  origin: 'upload' | 'first-start';
  manifest: unknown;
  advisories: number;
  activated_at: Date;
  age_seconds: number;
}

/**
 * Reads the active generation at each call (an index on generation, ecosystem and package name), so a scan
 * started before an import sees the new feed for the packages it has not looked up yet; scans that must match
 * one generation record `activeFeedInfo` first and compare.
 */
export function activeFeedLookup(db: Queryable): AdvisoryLookup {
  return async (ecosystem, name) => {
    const { rows } = await db.query<{ record: unknown }>(ADVISORIES_OF_PACKAGE_SQL, [ecosystem, name]);
    return rows.map((row) => OsvRecord.parse(row.record));
  };
}

/** The active kit and its feed, or null before any kit was imported. */
export async function activeFeedInfo(db: Queryable): Promise<FeedInfo | null> {
  const [{ rows }, stalenessDays] = await Promise.all([db.query<ActiveKitRow>(ACTIVE_KIT_SQL), readFeedStalenessDays(db)]);
  const row = rows[0];
  if (!row) return null;
  const manifest = KitManifest.parse(row.manifest);
  return {
    kitId: row.id,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    activatedAt: row.activated_at.toISOString(),
    generation: row.generation,
    ageSeconds: row.age_seconds,
    stale: row.age_seconds > stalenessDays * 86_400,
    stalenessDays,
    advisories: row.advisories,
    feeds: manifest.feeds.map((feed) => ({ ecosystem: feed.ecosystem, advisories: feed.advisories })),
    keyName: row.key_name,
    demo: row.origin === 'first-start',
  };
}
