import { createHash } from 'node:crypto';
import { ArchiveError, normaliseEntryPath } from '../archive/read-tar.ts';
import { TargetError } from './target-error.ts';

/** Reads a file of an image archive or layout directory by its relative path; null when absent. */
export type ImageFileReader = (path: string) => Promise<Buffer | null>;

export type ImageFormat = 'docker-archive' | 'oci-layout';

export interface ImageLayer {
  /** `sha256:…` of the layer blob when the layout names it (OCI), else its path in the archive. */
  id: string;
  read: () => Promise<Buffer>;
}

/** The metadata files that tell an image apart from a plain root filesystem. */
export const IMAGE_INDEX_FILES: readonly string[] = ['manifest.json', 'index.json', 'oci-layout'];

/** Whether a path in an archive may be an image layer or manifest blob (kept while the outer tar is read). */
export const mayBeImagePart = (path: string): boolean =>
  IMAGE_INDEX_FILES.includes(path) || path.startsWith('blobs/') || /^[^/]+\/layer\.tar$/.test(path);

/**
 * The layers, base first, of the image in a `docker save` archive (manifest.json) or an OCI image layout
 * (oci-layout + index.json → manifest blob → layer blobs, each checked against its digest); null when neither
 * describes an image. A multi-platform index resolves to linux/amd64 when listed, else its first image.
 */
export async function imageLayers(
  read: ImageFileReader,
): Promise<{ format: ImageFormat; layers: ImageLayer[] } | null> {
  const dockerManifest = await readJson(read, 'manifest.json');
  // Only an array whose first image lists Layers is a docker save manifest; a project's manifest.json is a file.
  if (Array.isArray(dockerManifest) && Array.isArray((dockerManifest[0] as { Layers?: unknown } | undefined)?.Layers)) {
    return { format: 'docker-archive', layers: dockerLayers(dockerManifest, read) };
  }
  if (!(await read('oci-layout'))) return null;
  const index = await readJson(read, 'index.json');
  if (!index) throw new TargetError('invalid_image', 'oci-layout without a readable index.json');
  const manifest = await resolveManifest(index, read, 0);
  const layers = arrayOf(manifest, 'layers').map((layer) => {
    const digest = digestOf(layer);
    return { id: digest, read: () => readBlob(read, digest) };
  });
  return { format: 'oci-layout', layers };
}

function dockerLayers(manifest: unknown[], read: ImageFileReader): ImageLayer[] {
  const paths = arrayOf(manifest[0], 'Layers');
  return paths.map((raw) => {
    if (typeof raw !== 'string') throw new TargetError('invalid_image', 'manifest.json: Layers must list paths');
    const path = safePath(raw);
    return {
      id: path,
      read: async () => {
        const data = await read(path);
        if (!data) throw new TargetError('invalid_image', `manifest.json names the missing layer ${path}`);
        return data;
      },
    };
  });
}

const IMAGE_MANIFEST = /^application\/vnd\.(oci\.image|docker\.distribution)\.manifest\.v[12]\+json$/;
const IMAGE_INDEX = /^application\/vnd\.(oci\.image\.index|docker\.distribution\.manifest\.list)\.v[12]\+json$/;

async function resolveManifest(index: unknown, read: ImageFileReader, depth: number): Promise<unknown> {
  if (depth > 3) throw new TargetError('invalid_image', 'image indexes nest too deeply');
  const descriptors = arrayOf(index, 'manifests');
  const images = descriptors.filter(
    (d) => IMAGE_MANIFEST.test(field(d, 'mediaType')) || IMAGE_INDEX.test(field(d, 'mediaType')),
  );
  const chosen =
    images.find((d) => {
      const platform = (d as { platform?: { os?: unknown; architecture?: unknown } }).platform;
      return platform?.os === 'linux' && platform.architecture === 'amd64';
    }) ?? images[0];
  if (!chosen) throw new TargetError('invalid_image', 'index.json lists no image manifest');
  const blob = JSON.parse((await readBlob(read, digestOf(chosen))).toString('utf8')) as unknown;
  return IMAGE_INDEX.test(field(chosen, 'mediaType')) ? resolveManifest(blob, read, depth + 1) : blob;
}

async function readBlob(read: ImageFileReader, digest: string): Promise<Buffer> {
  const hex = digest.slice('sha256:'.length);
  const data = await read(`blobs/sha256/${hex}`);
  if (!data) throw new TargetError('invalid_image', `blob ${digest} is missing from the layout`);
  if (createHash('sha256').update(data).digest('hex') !== hex) {
    throw new TargetError('corrupt', `blob ${digest} does not match its digest`);
  }
  return data;
}

function digestOf(descriptor: unknown): string {
  const digest = field(descriptor, 'digest');
  if (!/^sha256:[a-f0-9]{64}$/.test(digest))
    throw new TargetError('invalid_image', `unsupported blob digest "${digest}"`);
  return digest;
}

function safePath(raw: string): string {
  try {
    return normaliseEntryPath(raw);
  } catch (error) {
    if (error instanceof ArchiveError) throw new TargetError(error.code, `manifest.json: ${error.message}`);
    throw error;
  }
}

async function readJson(read: ImageFileReader, path: string): Promise<unknown> {
  const data = await read(path);
  if (!data) return null;
  try {
    return JSON.parse(data.toString('utf8')) as unknown;
  } catch {
    // A project's own manifest.json (a web app manifest, say) is not an image: the caller treats it as a file.
    return null;
  }
}

function arrayOf(value: unknown, key: string): unknown[] {
  const list = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(list)) throw new TargetError('invalid_image', `image metadata has no "${key}" list`);
  return list;
}

function field(value: unknown, key: string): string {
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : '';
}
