import { gzipSync } from 'node:zlib';

export interface TarFile {
  path: string;
  data: Buffer;
}

/**
 * A deterministic ustar `.tar.gz` of regular files: sorted by path, mode 0644, owner 0, mtime 0, no user names,
 * gzip without a timestamp, so the same files give the same bytes (and digest) on every machine.
 */
export function writeTarGz(files: readonly TarFile[]): Buffer {
  const blocks: Buffer[] = [];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    blocks.push(header(file.path, file.data.length), file.data, Buffer.alloc((512 - (file.data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}

function header(path: string, size: number): Buffer {
  if (Buffer.byteLength(path) > 100) throw new Error(`tar: path longer than 100 bytes: ${path}`);
  const block = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => block.write(value, offset, length, 'utf8');
  const octal = (offset: number, length: number, value: number) => field(offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
  field(0, 100, path);
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, 0);
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  field(148, 8, checksum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}
