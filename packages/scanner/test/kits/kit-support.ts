import { gunzipSync } from 'node:zlib';
import { KIT_MANIFEST_FILE, type Ed25519PrivateJwk } from '@execops/contract';
import { buildKit, readOsvInputs, FIXTURE_PATHS, type BuiltKit } from '../../src/index.ts';

export const DAY_MS = 86_400_000;

/** A kit of the fixture advisories, signed with `key`, created `ageDays` ago. */
export async function kitOf(key: Ed25519PrivateJwk, version: string, options: { ageDays?: number } = {}): Promise<BuiltKit> {
  const records = await readOsvInputs([FIXTURE_PATHS.osvDir]);
  return buildKit({ records, version, createdAt: new Date(Date.now() - (options.ageDays ?? 0) * DAY_MS), signingKey: key });
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
