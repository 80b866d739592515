import { open } from 'node:fs/promises';

const GZIP_MAGIC = [0x1f, 0x8b];
const USTAR_OFFSET = 257;
const TAR_HEADER_BYTES = 512;

/**
 * Whether the bytes start like something `readTar` reads: gzip, or a ustar/GNU tar header (what tar, docker save
 * and OCI layout tarballs are). A cheap check at upload and at scan start, so a wrong file is refused before a scan
 * is started on it.
 */
export function looksLikeTarArchive(data: Buffer): boolean {
  if (GZIP_MAGIC.every((byte, i) => data[i] === byte)) return true;
  return data.length >= TAR_HEADER_BYTES && data.toString('latin1', USTAR_OFFSET, USTAR_OFFSET + 5) === 'ustar';
}

/** `looksLikeTarArchive` on the first bytes of a file. */
export async function fileLooksLikeTarArchive(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(TAR_HEADER_BYTES), 0, TAR_HEADER_BYTES, 0);
    return looksLikeTarArchive(buffer.subarray(0, bytesRead));
  } finally {
    await file.close();
  }
}

/** Why a file is refused as a scan target or upload; `name` is what the operator gave (a path or file name). */
export function notAnArchiveMessage(name: string): string {
  return `${name} is not a tar or tar.gz archive (a docker save or OCI layout tarball is one)`;
}
