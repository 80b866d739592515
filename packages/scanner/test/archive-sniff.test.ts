import { describe, expect, it } from 'vitest';
import { looksLikeTarArchive } from '../src/index.ts';
import { buildTar, buildTarGz } from './support/tar-builder.ts';

const entries = [{ path: 'app/requirements.txt', content: 'requests==2.30.0\n' }];

describe('looksLikeTarArchive', () => {
  it('accepts tar and tar.gz', () => {
    expect(looksLikeTarArchive(buildTar(entries))).toBe(true);
    expect(looksLikeTarArchive(buildTarGz(entries))).toBe(true);
  });

  it('refuses text, zip and bytes too short for a tar header', () => {
    expect(looksLikeTarArchive(Buffer.from('requests==2.30.0\n'.repeat(64)))).toBe(false);
    expect(looksLikeTarArchive(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(600)]))).toBe(false);
    expect(looksLikeTarArchive(Buffer.from([0x1f]))).toBe(false);
    expect(looksLikeTarArchive(Buffer.alloc(0))).toBe(false);
  });
});
