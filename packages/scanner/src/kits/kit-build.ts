import { createHash } from 'node:crypto';
import {
  kitAnalyzerPath,
  KIT_MANIFEST_FILE,
  KIT_MANIFEST_SCHEMA_VERSION,
  KIT_SIGNATURE_FILE,
  KitManifest,
  type Ed25519PrivateJwk,
  type KitAnalyzer,
  type KitAnalyzerDefinition,
  type KitFeed,
  type KitManifestEntry,
} from '@execops/contract';
import { writeTarGz, type TarFile } from '../archive/write-tar.ts';
import type { OsvRecord } from '../osv/osv-record.ts';
import { signDetached } from './ed25519-jws.ts';
import { checkAnalyzerDefinitions } from './kit-analyzers.ts';

export interface BuildKitInput {
  /** Validated OSV records; each goes into the feed of every ecosystem it affects. */
  records: readonly OsvRecord[];
  /** Declarative analyzers the kit carries (`analyzers/<id>.json`), checked as an import checks them. */
  analyzers?: readonly KitAnalyzerDefinition[];
  version: string;
  createdAt: Date;
  signingKey: Ed25519PrivateJwk;
}

export interface BuiltKit {
  bytes: Buffer;
  manifest: KitManifest;
}

export const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The built-in analyzer (scan-core registry id) that reports components of an OSV ecosystem. */
export function analyzerOfEcosystem(ecosystem: string): string | null {
  const base = ecosystem.split(':')[0];
  const analyzers: Record<string, string> = { npm: 'npm', PyPI: 'python', Go: 'go', 'crates.io': 'cargo', Debian: 'dpkg', Alpine: 'apk' };
  return (base && analyzers[base]) ?? null;
}

/** `Debian:12` → `feeds/debian-12.json`. */
function feedPath(ecosystem: string): string {
  return `feeds/${ecosystem.toLowerCase().replace(/[^a-z0-9.]+/g, '-')}.json`;
}

/** Groups records by affected ecosystem, sorted by id, so the same records always give the same feed files. */
export function groupByEcosystem(records: readonly OsvRecord[]): Map<string, OsvRecord[]> {
  const feeds = new Map<string, Map<string, OsvRecord>>();
  for (const record of records) {
    for (const affected of record.affected) {
      const feed = feeds.get(affected.package.ecosystem) ?? new Map<string, OsvRecord>();
      feed.set(record.id, record);
      feeds.set(affected.package.ecosystem, feed);
    }
  }
  return new Map(
    [...feeds.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ecosystem, byId]) => [ecosystem, [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1))]),
  );
}

/**
 * Builds a kit: one feed file per ecosystem, one file per analyzer definition, `offline-manifest.json` listing
 * every file with its sha256 and size, the manifest's detached Ed25519 JWS, all in a deterministic `.tar.gz`.
 */
export function buildKit(input: BuildKitInput): BuiltKit {
  const grouped = groupByEcosystem(input.records);
  if (grouped.size === 0) throw new Error('a kit needs at least one OSV record with an affected package');
  const definitions = [...(input.analyzers ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
  checkAnalyzerDefinitions(definitions);
  const files: TarFile[] = [];
  const feeds: KitFeed[] = [];
  for (const [ecosystem, records] of grouped) {
    const path = feedPath(ecosystem);
    if (files.some((file) => file.path === path)) throw new Error(`ecosystems ${ecosystem} and another map to the same feed file ${path}`);
    files.push({ path, data: Buffer.from(`${JSON.stringify(records)}\n`) });
    feeds.push({ ecosystem, path, advisories: records.length });
  }
  for (const definition of definitions) {
    files.push({ path: kitAnalyzerPath(definition.id), data: Buffer.from(`${JSON.stringify(definition, null, 2)}\n`) });
  }
  const entries: KitManifestEntry[] = [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((file) => ({ path: file.path, sha256: sha256Hex(file.data), size: file.data.length }));
  const manifest = KitManifest.parse({
    schemaVersion: KIT_MANIFEST_SCHEMA_VERSION,
    version: input.version,
    createdAt: input.createdAt.toISOString(),
    entries,
    feeds,
    analyzers: [...builtinAnalyzers(feeds), ...definitions.map(kitAnalyzer)],
  });
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  files.push({ path: KIT_MANIFEST_FILE, data: manifestBytes });
  files.push({ path: KIT_SIGNATURE_FILE, data: Buffer.from(`${signDetached(manifestBytes, input.signingKey)}\n`) });
  return { bytes: writeTarGz(files), manifest };
}

function builtinAnalyzers(feeds: readonly KitFeed[]): KitAnalyzer[] {
  const byAnalyzer = new Map<string, string[]>();
  for (const feed of feeds) {
    const id = analyzerOfEcosystem(feed.ecosystem);
    if (id) byAnalyzer.set(id, [...(byAnalyzer.get(id) ?? []), feed.ecosystem]);
  }
  return [...byAnalyzer.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, ecosystems]) => ({ id, ecosystems, source: 'builtin' }));
}

const kitAnalyzer = (definition: KitAnalyzerDefinition): KitAnalyzer => ({
  id: definition.id,
  ecosystems: [definition.ecosystem],
  source: 'kit',
  path: kitAnalyzerPath(definition.id),
});
