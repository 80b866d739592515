import { createReadStream } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileLooksLikeTarArchive, looksLikeTarArchive, notAnArchiveMessage } from '../archive/archive-sniff.ts';
import { ArchiveError, normaliseEntryPath, readTar, type TarEntry } from '../archive/read-tar.ts';
import { applyLayer } from './apply-layers.ts';
import { imageLayers, mayBeImagePart, type ImageFileReader, type ImageFormat } from './image-layout.ts';
import { readDirectory } from './read-directory.ts';
import { TargetError } from './target-error.ts';

/** Bounds on a scan target, from the scanner settings. */
export interface TargetLimits {
  /** Largest target: a directory's file bytes, an archive's file size and its decompressed content (all layers). */
  maxTargetBytes: number;
  maxEntries: number;
  /** Largest single file handed to an analyzer. */
  maxFileBytes: number;
}

export type TargetSource =
  { kind: 'directory'; path: string } | { kind: 'archive'; path: string } | { kind: 'archive'; data: Buffer };

/** `archive`: a tar/tar.gz of a root filesystem or project; images are recognised from their metadata. */
export type TargetFormat = 'directory' | 'archive' | ImageFormat;

export interface ResolvedTarget {
  format: TargetFormat;
  /** The wanted files of the final filesystem (for images: after every layer and whiteout), by relative path. */
  files: Map<string, Buffer>;
  /** Layer ids, base first (empty unless an image). */
  layers: string[];
  /** Entries seen and bytes counted against the limits. */
  entries: number;
  bytes: number;
}

export interface ResolveTargetOptions {
  limits: TargetLimits;
  /** Which files analyzers need (the union of the enabled analyzers' `wants`). */
  wants: (path: string) => boolean;
}

/** Turns a scan target into the files the analyzers asked for, within the limits; failures are `TargetError`s. */
export async function resolveTarget(source: TargetSource, options: ResolveTargetOptions): Promise<ResolvedTarget> {
  try {
    return source.kind === 'directory'
      ? await resolveDirectory(source.path, options)
      : await resolveArchive(source, options);
  } catch (error) {
    if (error instanceof ArchiveError) throw new TargetError(error.code, error.message);
    throw error;
  }
}

async function resolveDirectory(root: string, options: ResolveTargetOptions): Promise<ResolvedTarget> {
  const image = await imageLayers(directoryReader(root, options.limits));
  if (image) return applyImage(image.format, image.layers, options, 0, 0);
  return { format: 'directory', layers: [], ...(await readDirectory(root, options.limits, options.wants)) };
}

async function resolveArchive(
  source: Exclude<TargetSource, { kind: 'directory' }>,
  options: ResolveTargetOptions,
): Promise<ResolvedTarget> {
  const { limits, wants } = options;
  let input: Buffer | Readable;
  const name = 'data' in source ? 'the uploaded archive' : source.path;
  if ('data' in source) {
    if (!looksLikeTarArchive(source.data)) throw new TargetError('not_an_archive', notAnArchiveMessage(name));
    input = source.data;
  } else {
    const stat = await lstat(source.path).catch(() => null);
    if (!stat?.isFile()) throw new TargetError('not_found', `${source.path} is not a file`);
    if (stat.size > limits.maxTargetBytes) {
      throw new TargetError('too_large', `${source.path} is ${stat.size} bytes; the limit is ${limits.maxTargetBytes}`);
    }
    if (!(await fileLooksLikeTarArchive(source.path))) throw new TargetError('not_an_archive', notAnArchiveMessage(name));
    input = createReadStream(source.path);
  }
  const entries = await readTar(input, {
    // Layers are kept whole until unpacked, so a single entry may be as large as the target.
    limits: {
      maxEntries: limits.maxEntries,
      maxTotalBytes: limits.maxTargetBytes,
      maxEntryBytes: limits.maxTargetBytes,
    },
    keep: (path) => wants(path) || mayBeImagePart(path),
  }).catch((error: unknown) => {
    // What the tar library says of a broken archive (`TAR_BAD_ARCHIVE: …`, `zlib: …`) names no file.
    if (error instanceof ArchiveError && error.code === 'corrupt') {
      throw new TargetError('corrupt', `${name} is not a readable tar or tar.gz archive: ${error.message}`);
    }
    throw error;
  });
  const bytes = sizeOf(entries);
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const image = await imageLayers(async (path) => byPath.get(path)?.data ?? null);
  if (image) return applyImage(image.format, image.layers, options, entries.length, bytes);
  const files = new Map<string, Buffer>();
  applyLayer(files, checkedFiles(entries, options));
  return { format: 'archive', files, layers: [], entries: entries.length, bytes };
}

async function applyImage(
  format: ImageFormat,
  layers: { id: string; read: () => Promise<Buffer> }[],
  options: ResolveTargetOptions,
  outerEntries: number,
  outerBytes: number,
): Promise<ResolvedTarget> {
  const { limits } = options;
  const files = new Map<string, Buffer>();
  let entries = outerEntries;
  let bytes = outerBytes;
  for (const layer of layers) {
    const layerEntries = await readTar(await layer.read(), {
      limits: {
        maxEntries: limits.maxEntries,
        maxTotalBytes: limits.maxTargetBytes,
        maxEntryBytes: limits.maxFileBytes,
      },
      keep: options.wants,
    });
    entries += layerEntries.length;
    bytes += sizeOf(layerEntries);
    if (entries > limits.maxEntries)
      throw new TargetError('too_many_entries', `image has more than ${limits.maxEntries} entries`);
    if (bytes > limits.maxTargetBytes)
      throw new TargetError('too_large', `image content exceeds ${limits.maxTargetBytes} bytes`);
    applyLayer(files, layerEntries);
  }
  return { format, files, layers: layers.map((layer) => layer.id), entries, bytes };
}

/** The archive's entries with content only for wanted files, each within `maxFileBytes`. */
function checkedFiles(entries: readonly TarEntry[], { limits, wants }: ResolveTargetOptions): TarEntry[] {
  return entries.map((entry) => {
    if (!entry.data || !wants(entry.path)) return { ...entry, data: null };
    if (entry.size > limits.maxFileBytes) {
      throw new TargetError('too_large', `${entry.path} is ${entry.size} bytes; the limit is ${limits.maxFileBytes}`);
    }
    return entry;
  });
}

/** Reads image metadata and blobs of an OCI layout directory: regular files only, within the target size. */
function directoryReader(root: string, limits: TargetLimits): ImageFileReader {
  return async (path) => {
    const file = join(root, normaliseEntryPath(path));
    const stat = await lstat(file).catch(() => null);
    if (!stat?.isFile()) return null;
    if (stat.size > limits.maxTargetBytes)
      throw new TargetError('too_large', `${path} exceeds ${limits.maxTargetBytes} bytes`);
    return readFile(file);
  };
}

const sizeOf = (entries: readonly TarEntry[]): number => entries.reduce((sum, entry) => sum + entry.size, 0);
