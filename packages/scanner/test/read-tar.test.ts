import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ArchiveError, readTar, type TarLimits } from '../src/index.ts';
import { buildTar, buildTarGz } from './support/tar-builder.ts';

const LIMITS: TarLimits = { maxEntries: 100, maxTotalBytes: 1024 * 1024, maxEntryBytes: 64 * 1024 };
const keepAll = () => true;

async function refusal(source: Buffer, limits: TarLimits = LIMITS): Promise<ArchiveError> {
  const error = await readTar(source, { limits, keep: keepAll }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchiveError);
  return error as ArchiveError;
}

describe('readTar', () => {
  it('reads a plain tar and a tar.gz alike, keeping only the asked-for content', async () => {
    const entries = [
      { path: './etc/', typeFlag: '5' },
      { path: './etc/os-release', content: 'ID=debian\n' },
      { path: 'usr/lib/big.bin', content: Buffer.alloc(3000, 7) },
      { path: 'usr/bin/python', typeFlag: '2', linkTarget: '/usr/bin/python3' },
    ];
    for (const archive of [buildTar(entries), buildTarGz(entries)]) {
      const read = await readTar(archive, { limits: LIMITS, keep: (path) => path === 'etc/os-release' });
      expect(read.map((e) => [e.path, e.type, e.size])).toEqual([
        ['etc', 'directory', 0],
        ['etc/os-release', 'file', 10],
        ['usr/lib/big.bin', 'file', 3000],
        ['usr/bin/python', 'symlink', 0],
      ]);
      expect(read[1]?.data?.toString()).toBe('ID=debian\n');
      expect(read[2]?.data).toBeNull();
      expect(read[3]?.linkTarget).toBe('/usr/bin/python3');
    }
  });

  it.each([
    ['../escape', 'path_traversal'],
    ['a/../../escape', 'path_traversal'],
    ['/etc/passwd', 'path_traversal'],
  ])('refuses the entry path %s', async (path, code) => {
    expect((await refusal(buildTar([{ path: 'ok', content: 'x' }, { path, content: 'x' }]))).code).toBe(code);
  });

  it('refuses device files and FIFOs', async () => {
    expect((await refusal(buildTar([{ path: 'dev/null', typeFlag: '3' }]))).code).toBe('unsupported_entry');
    expect((await refusal(buildTar([{ path: 'pipe', typeFlag: '6' }]))).code).toBe('unsupported_entry');
  });

  it('stops a gzip bomb at the total-size limit', async () => {
    // 64 MiB of zeros compresses to ~64 KiB; the limit is 1 MiB.
    const bomb = gzipSync(buildTar([{ path: 'zeros', content: Buffer.alloc(64 * 1024 * 1024) }]));
    expect(bomb.length).toBeLessThan(LIMITS.maxTotalBytes);
    const error = await refusal(bomb);
    expect(error.code).toBe('too_large');
    expect(error.message).toContain(String(LIMITS.maxTotalBytes));
  });

  it('refuses a kept entry above the per-entry limit and more entries than allowed', async () => {
    expect((await refusal(buildTar([{ path: 'big', content: Buffer.alloc(70 * 1024) }]))).code).toBe('too_large');
    const many = buildTar(Array.from({ length: 5 }, (_, i) => ({ path: `f${i}`, content: 'x' })));
    expect((await refusal(many, { ...LIMITS, maxEntries: 4 })).code).toBe('too_many_entries');
  });

  it('reports a truncated or garbled archive as corrupt', async () => {
    const whole = buildTar([{ path: 'file', content: Buffer.alloc(2048, 1) }]);
    expect((await refusal(whole.subarray(0, 1024))).code).toBe('corrupt');
    expect((await refusal(Buffer.from('this is not a tar archive at all'.repeat(40)))).code).toBe('corrupt');
  });
});
