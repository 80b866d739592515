import { createHash } from 'node:crypto';
import { buildTar, buildTarGz, type RawTarEntry } from './tar-builder.ts';

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** A `docker save` archive: manifest.json naming `<n>/layer.tar` for each layer, base first. */
export function buildDockerArchive(layers: RawTarEntry[][]): Buffer {
  const paths = layers.map((_, i) => `layer${i}/layer.tar`);
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } });
  return buildTar([
    { path: 'config.json', content: config },
    ...layers.map((entries, i) => ({ path: paths[i] as string, content: buildTar(entries) })),
    {
      path: 'manifest.json',
      content: JSON.stringify([{ Config: 'config.json', RepoTags: ['acme/app:1'], Layers: paths }]),
    },
  ]);
}

export interface OciLayoutOptions {
  /** Wrap the image manifest in a nested multi-platform index (an arm64 entry listed first). */
  multiPlatform?: boolean;
  /** Change one byte of the first layer blob after its digest was taken. */
  tamperFirstLayer?: boolean;
}

/** An OCI image layout as a tar: oci-layout, index.json and gzip layer blobs under blobs/sha256/. */
export function buildOciLayout(layers: RawTarEntry[][], options: OciLayoutOptions = {}): Buffer {
  const blobs = new Map<string, Buffer>();
  const addBlob = (data: Buffer, mediaType: string) => {
    const digest = sha256(data);
    blobs.set(digest, data);
    return { mediaType, digest: `sha256:${digest}`, size: data.length };
  };
  const config = addBlob(
    Buffer.from('{"architecture":"amd64","os":"linux"}'),
    'application/vnd.oci.image.config.v1+json',
  );
  const layerDescriptors = layers.map((entries) =>
    addBlob(buildTarGz(entries), 'application/vnd.oci.image.layer.v1.tar+gzip'),
  );
  const manifest = addBlob(
    Buffer.from(JSON.stringify({ schemaVersion: 2, config, layers: layerDescriptors })),
    'application/vnd.oci.image.manifest.v1+json',
  );
  let top = { ...manifest, platform: { os: 'linux', architecture: 'amd64' } };
  if (options.multiPlatform) {
    const other = addBlob(Buffer.from('{"schemaVersion":2,"layers":[]}'), 'application/vnd.oci.image.manifest.v1+json');
    const nested = {
      schemaVersion: 2,
      manifests: [{ ...other, platform: { os: 'linux', architecture: 'arm64' } }, top],
    };
    top = {
      ...addBlob(Buffer.from(JSON.stringify(nested)), 'application/vnd.oci.image.index.v1+json'),
      platform: top.platform,
    };
  }
  if (options.tamperFirstLayer) {
    const first = layerDescriptors[0]?.digest.slice('sha256:'.length) ?? '';
    const data = Buffer.from(blobs.get(first) ?? Buffer.alloc(0));
    data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 0xff;
    blobs.set(first, data);
  }
  return buildTar([
    { path: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' },
    { path: 'index.json', content: JSON.stringify({ schemaVersion: 2, manifests: [top] }) },
    ...[...blobs].map(([digest, content]) => ({ path: `blobs/sha256/${digest}`, content })),
  ]);
}
