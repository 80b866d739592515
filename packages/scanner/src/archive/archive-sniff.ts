const GZIP_MAGIC = [0x1f, 0x8b];
const USTAR_OFFSET = 257;

/**
 * Whether the bytes start like something `readTar` reads: gzip, or a ustar/GNU tar header (what tar, docker save
 * and OCI layout tarballs are). A cheap check at upload, so a wrong file is refused before a scan is started on it.
 */
export function looksLikeTarArchive(data: Buffer): boolean {
  if (GZIP_MAGIC.every((byte, i) => data[i] === byte)) return true;
  return data.length >= 512 && data.toString('latin1', USTAR_OFFSET, USTAR_OFFSET + 5) === 'ustar';
}
