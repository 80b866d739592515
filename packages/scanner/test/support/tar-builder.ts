import { gzipSync } from 'node:zlib';

/** One entry of a hand-built archive; tests use raw headers so hostile paths and types survive unchanged. */
export interface RawTarEntry {
  path: string;
  content?: string | Buffer;
  /** ustar type flag: '0' file, '5' directory, '2' symlink, '1' hardlink, '3' char device, '6' FIFO. */
  typeFlag?: string;
  linkTarget?: string;
  /** Size written in the header when it must differ from the content (truncated archives). */
  declaredSize?: number;
}

export function buildTar(entries: readonly RawTarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const content = typeof entry.content === 'string' ? Buffer.from(entry.content) : (entry.content ?? Buffer.alloc(0));
    blocks.push(header(entry, entry.declaredSize ?? content.length));
    blocks.push(content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export const buildTarGz = (entries: readonly RawTarEntry[]): Buffer => gzipSync(buildTar(entries));

function header(entry: RawTarEntry, size: number): Buffer {
  const block = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => block.write(value, offset, length, 'utf8');
  const octal = (offset: number, length: number, value: number) =>
    field(offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
  if (Buffer.byteLength(entry.path) > 100) throw new Error(`test tar builder: path longer than 100 bytes: ${entry.path}`);
  field(0, 100, entry.path);
  octal(100, 8, entry.typeFlag === '5' ? 0o755 : 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, 1_700_000_000);
  field(148, 8, '        ');
  field(156, 1, entry.typeFlag ?? '0');
  field(157, 100, entry.linkTarget ?? '');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  field(148, 8, checksum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}
