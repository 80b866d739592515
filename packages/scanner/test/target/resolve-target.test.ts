import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILTIN_ANALYZERS,
  readTar,
  resolveTarget,
  TargetError,
  wantedByAny,
  type ResolvedTarget,
  type TargetLimits,
  type TargetSource,
} from '../../src/index.ts';
import { buildDockerArchive, buildOciLayout } from '../support/image-builder.ts';
import { buildTar, buildTarGz, type RawTarEntry } from '../support/tar-builder.ts';

const TAR_LIMITS = { maxEntries: 100, maxTotalBytes: 1024 * 1024, maxEntryBytes: 1024 * 1024 };
const LIMITS: TargetLimits = { maxTargetBytes: 1024 * 1024, maxEntries: 1000, maxFileBytes: 64 * 1024 };
const wants = wantedByAny(BUILTIN_ANALYZERS);
const resolve = (source: TargetSource, limits = LIMITS) => resolveTarget(source, { limits, wants });
const contents = (target: ResolvedTarget) =>
  Object.fromEntries(
    [...target.files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, data]) => [path, data.toString()]),
  );

async function refusal(promise: Promise<unknown>): Promise<TargetError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TargetError);
  return error as TargetError;
}

const BASE_LAYER: RawTarEntry[] = [
  { path: 'etc/', typeFlag: '5' },
  { path: 'usr/lib/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
  { path: 'etc/os-release', typeFlag: '2', linkTarget: '../usr/lib/os-release' },
  { path: 'var/lib/dpkg/status', content: 'Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\n' },
  { path: 'app/package-lock.json', content: '{"lockfileVersion":3,"packages":{}}' },
  { path: 'app/node_modules/x/package.json', content: '{}' },
  { path: 'usr/bin/bash', content: Buffer.alloc(2000, 1) },
];

describe('resolveTarget: archives', () => {
  it('keeps only the wanted files of a plain tar and of a tar.gz', async () => {
    for (const archive of [buildTar(BASE_LAYER), buildTarGz(BASE_LAYER)]) {
      const target = await resolve({ kind: 'archive', data: archive });
      expect(target.format).toBe('archive');
      expect(Object.keys(contents(target))).toEqual([
        'app/package-lock.json',
        'usr/lib/os-release',
        'var/lib/dpkg/status',
      ]);
      expect(target.entries).toBe(BASE_LAYER.length);
    }
  });

  it('applies docker save layers in order, with a whiteout deleting a lower package file', async () => {
    const upper: RawTarEntry[] = [
      {
        path: 'var/lib/dpkg/status',
        content: 'Package: libc6\nStatus: install ok installed\nVersion: 2.36-9+deb12u4\n',
      },
      { path: 'app/.wh.package-lock.json', content: '' },
    ];
    const target = await resolve({ kind: 'archive', data: buildDockerArchive([BASE_LAYER, upper]) });
    expect(target.format).toBe('docker-archive');
    expect(target.layers).toEqual(['layer0/layer.tar', 'layer1/layer.tar']);
    expect(contents(target)).toEqual({
      'usr/lib/os-release': 'ID=debian\nVERSION_ID="12"\n',
      'var/lib/dpkg/status': 'Package: libc6\nStatus: install ok installed\nVersion: 2.36-9+deb12u4\n',
    });
  });

  it('reads an OCI layout (index → manifest → gzip layers), an opaque whiteout emptying a directory', async () => {
    const upper: RawTarEntry[] = [
      { path: 'app/.wh..wh..opq', content: '' },
      { path: 'app/Cargo.lock', content: '[[package]]\nname = "smallvec"\nversion = "1.6.0"\n' },
    ];
    for (const multiPlatform of [false, true]) {
      const target = await resolve({ kind: 'archive', data: buildOciLayout([BASE_LAYER, upper], { multiPlatform }) });
      expect(target.format).toBe('oci-layout');
      expect(target.layers).toHaveLength(2);
      expect(target.layers.every((id) => /^sha256:[0-9a-f]{64}$/.test(id))).toBe(true);
      expect(Object.keys(contents(target))).toEqual(['app/Cargo.lock', 'usr/lib/os-release', 'var/lib/dpkg/status']);
    }
  });

  it('refuses a layer blob that does not match its digest', async () => {
    const error = await refusal(
      resolve({ kind: 'archive', data: buildOciLayout([BASE_LAYER], { tamperFirstLayer: true }) }),
    );
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/^blob sha256:[0-9a-f]{64} does not match its digest$/);
  });

  it("treats a project's own manifest.json as a file, not as an image", async () => {
    for (const manifest of ['{"name":"web app","icons":[]}', '[{"src":"icon.png"}]', 'not json']) {
      const archive = buildTar([{ path: 'manifest.json', content: manifest }, ...BASE_LAYER]);
      expect((await resolve({ kind: 'archive', data: archive })).format).toBe('archive');
    }
  });

  it('refuses a manifest naming a layer outside the archive, and a missing one', async () => {
    const escaping = buildTar([{ path: 'manifest.json', content: JSON.stringify([{ Layers: ['../../etc/shadow'] }]) }]);
    expect((await refusal(resolve({ kind: 'archive', data: escaping }))).code).toBe('path_traversal');
    const missing = buildTar([{ path: 'manifest.json', content: JSON.stringify([{ Layers: ['gone/layer.tar'] }]) }]);
    const error = await refusal(resolve({ kind: 'archive', data: missing }));
    expect([error.code, error.message]).toEqual([
      'invalid_image',
      'manifest.json names the missing layer gone/layer.tar',
    ]);
  });

  it('refuses traversal inside a layer and counts every layer against the target size', async () => {
    const hostile = buildDockerArchive([[{ path: '../../root/.ssh/authorized_keys', content: 'x' }]]);
    expect((await refusal(resolve({ kind: 'archive', data: hostile }))).code).toBe('path_traversal');
    const big: RawTarEntry[] = [{ path: 'blob.bin', content: Buffer.alloc(300 * 1024) }];
    const image = buildDockerArchive([big, big]);
    const limits = { ...LIMITS, maxTargetBytes: image.length + 500 * 1024 };
    const error = await refusal(resolve({ kind: 'archive', data: image }, limits));
    expect([error.code, error.message]).toEqual(['too_large', `image content exceeds ${limits.maxTargetBytes} bytes`]);
  });

  it('refuses a wanted file over maxFileBytes', async () => {
    const archive = buildTar([{ path: 'package-lock.json', content: Buffer.alloc(LIMITS.maxFileBytes + 1, 32) }]);
    const error = await refusal(resolve({ kind: 'archive', data: archive }));
    expect([error.code, error.message]).toEqual([
      'too_large',
      `package-lock.json is ${LIMITS.maxFileBytes + 1} bytes; the limit is ${LIMITS.maxFileBytes}`,
    ]);
  });
});

describe('resolveTarget: files on disk', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'scan-target-'));
    const write = async (path: string, content: string | Buffer) => {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), content);
    };
    await write('project/package-lock.json', '{"lockfileVersion":3,"packages":{}}');
    await write('project/node_modules/dep/package-lock.json', '{}');
    await write('project/src/index.js', 'export {}');
    await mkdir(join(root, 'project/var/lib/dpkg'), { recursive: true });
    // A link out of the target must not be followed.
    await symlink('/etc/hostname', join(root, 'project/var/lib/dpkg/status'));
    await symlink('/etc', join(root, 'project/etc'));
    await write('image.tar', buildDockerArchive([BASE_LAYER]));
    await write('notes.txt', 'lodash 4.17.11\n');
    await write('broken.tar.gz', Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(600, 7)]));
    const layout = await readTar(buildOciLayout([BASE_LAYER]), { limits: TAR_LIMITS, keep: () => true });
    for (const entry of layout) if (entry.data) await write(`layout/${entry.path}`, entry.data);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('walks a directory without following symbolic links', async () => {
    const target = await resolve({ kind: 'directory', path: join(root, 'project') });
    expect(target.format).toBe('directory');
    expect(Object.keys(contents(target))).toEqual(['package-lock.json']);
  });

  it('reads an OCI layout directory as an image', async () => {
    const target = await resolve({ kind: 'directory', path: join(root, 'layout') });
    expect([target.format, target.layers.length]).toEqual(['oci-layout', 1]);
    expect(Object.keys(contents(target))).toEqual([
      'app/package-lock.json',
      'usr/lib/os-release',
      'var/lib/dpkg/status',
    ]);
  });

  it('names the file that is not an archive, or not a readable one, instead of the tar library’s error', async () => {
    const notes = join(root, 'notes.txt');
    const notAnArchive = await refusal(resolve({ kind: 'archive', path: notes }));
    expect([notAnArchive.code, notAnArchive.message]).toEqual([
      'not_an_archive',
      `${notes} is not a tar or tar.gz archive (a docker save or OCI layout tarball is one)`,
    ]);
    const uploaded = await refusal(resolve({ kind: 'archive', data: Buffer.from('lodash 4.17.11\n') }));
    expect(uploaded.message).toBe('the uploaded archive is not a tar or tar.gz archive (a docker save or OCI layout tarball is one)');
    const broken = await refusal(resolve({ kind: 'archive', path: join(root, 'broken.tar.gz') }));
    expect(broken.code).toBe('corrupt');
    expect(broken.message).toContain(`${join(root, 'broken.tar.gz')} is not a readable tar or tar.gz archive: zlib`);
  });

  it('reads an archive from a path, and says what is missing or too large', async () => {
    const target = await resolve({ kind: 'archive', path: join(root, 'image.tar') });
    expect(target.format).toBe('docker-archive');
    expect(target.files.has('var/lib/dpkg/status')).toBe(true);
    expect((await refusal(resolve({ kind: 'archive', path: join(root, 'nope.tar') }))).code).toBe('not_found');
    expect((await refusal(resolve({ kind: 'directory', path: join(root, 'image.tar') }))).code).toBe('not_found');
    const small = { ...LIMITS, maxTargetBytes: 40 };
    const archiveError = await refusal(resolve({ kind: 'archive', path: join(root, 'image.tar') }, small));
    expect(archiveError.message).toMatch(/image\.tar is \d+ bytes; the limit is 40$/);
    const directoryError = await refusal(resolve({ kind: 'directory', path: join(root, 'project') }, small));
    expect(directoryError.message).toBe(`${join(root, 'project')} exceeds 40 bytes`);
    const few = { ...LIMITS, maxEntries: 3 };
    expect((await refusal(resolve({ kind: 'directory', path: join(root, 'project') }, few))).code).toBe(
      'too_many_entries',
    );
  });
});
