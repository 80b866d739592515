import { gunzipSync } from 'node:zlib';
import { KIT_MANIFEST_FILE, KIT_SIGNATURE_FILE, type Ed25519PrivateJwk, type KitAnalyzerDefinition, type KitRejectionCode } from '@execops/contract';
import type { Pool } from '@execops/engine';
import { expect } from 'vitest';
import {
  activeFeedInfo,
  buildKit,
  FIXTURE_PATHS,
  KitRejectedError,
  readOsvInputs,
  sha256Hex,
  signDetached,
  writeTarGz,
  type BuiltKit,
  type KitAudit,
  type KitStore,
} from '../../src/index.ts';

export const KIT_AUDIT: KitAudit = { tenant: 'default', operator: { actor: 'tester', reason: 'kit test' } };

export const DAY_MS = 86_400_000;

/** A kit of the fixture advisories (and the analyzers given), signed with `key`, created `ageDays` ago. */
export async function kitOf(
  key: Ed25519PrivateJwk,
  version: string,
  options: { ageDays?: number; analyzers?: KitAnalyzerDefinition[] } = {},
): Promise<BuiltKit> {
  const records = await readOsvInputs([FIXTURE_PATHS.osvDir]);
  const createdAt = new Date(Date.now() - (options.ageDays ?? 0) * DAY_MS);
  return buildKit({ records, analyzers: options.analyzers ?? [], version, createdAt, signingKey: key });
}

/** Re-signs a kit whose files were changed, so only the change itself can make it fail. */
export function resigned(files: Map<string, Buffer>, key: Ed25519PrivateJwk, edit: (manifest: Record<string, unknown>) => void = () => {}): Buffer {
  const manifest = JSON.parse((files.get(KIT_MANIFEST_FILE) as Buffer).toString('utf8')) as Record<string, unknown> & { entries: Array<{ path: string; sha256: string; size: number }> };
  manifest.entries = manifest.entries.map((entry) => {
    const data = files.get(entry.path) as Buffer;
    return { ...entry, sha256: sha256Hex(data), size: data.length };
  });
  edit(manifest);
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  const rest = [...files].filter(([path]) => path !== KIT_MANIFEST_FILE && path !== KIT_SIGNATURE_FILE).map(([path, data]) => ({ path, data }));
  return writeTarGz([...rest, { path: KIT_MANIFEST_FILE, data: manifestBytes }, { path: KIT_SIGNATURE_FILE, data: Buffer.from(signDetached(manifestBytes, key)) }]);
}

/** The files of a kit (the writer's ustar layout: 512-byte headers, contents padded to 512). */
export function kitFiles(kit: Buffer): Map<string, Buffer> {
  const tar = gunzipSync(kit);
  const files = new Map<string, Buffer>();
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (name === '') break;
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, ''), 8);
    files.set(name, Buffer.from(tar.subarray(offset + 512, offset + 512 + size)));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

export const manifestOf = (kit: Buffer) => JSON.parse((kitFiles(kit).get(KIT_MANIFEST_FILE) as Buffer).toString('utf8')) as { entries: Array<{ path: string }> };

/** Everything an import may change except the quarantine and audit rows. */
async function feedState(pool: Pool) {
  return {
    active: { ...(await activeFeedInfo(pool)), ageSeconds: 'ignored: grows with the clock' },
    advisories: (await pool.query('SELECT generation, ecosystem, package_name, advisory_id, record FROM scanner_advisories ORDER BY 1, 2, 3, 4')).rows,
    analyzers: (await pool.query('SELECT generation, analyzer_id, definition, sha256 FROM scanner_kit_analyzers ORDER BY 1, 2')).rows,
    kits: (await pool.query('SELECT id, generation FROM scanner_kits ORDER BY generation')).rows,
    activations: (await pool.query('SELECT id, kit_id FROM scanner_feed_activations ORDER BY id')).rows,
  };
}

/** The import is refused with `code` and a message matching `message`, quarantined, and nothing else changed. */
export async function expectQuarantined(pool: Pool, store: KitStore, bytes: Buffer, code: KitRejectionCode, message: RegExp): Promise<void> {
  const before = await feedState(pool);
  const error = await store.importKit(bytes, 'upload', KIT_AUDIT).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(KitRejectedError);
  const rejected = error as KitRejectedError;
  expect([rejected.code, rejected.message]).toEqual([code, expect.stringMatching(message)]);
  expect(await feedState(pool)).toEqual(before);
  const row = await store.getKit(rejected.quarantineId);
  expect(row).toMatchObject({ status: 'quarantined', sha256: sha256Hex(bytes), size: bytes.length, reason: { code, message: rejected.message } });
}
