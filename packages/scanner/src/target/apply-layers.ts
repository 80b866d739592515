import type { TarEntry } from '../archive/read-tar.ts';

const OPAQUE = '.wh..wh..opq';
const WHITEOUT = '.wh.';

/**
 * Applies one image layer onto the files of the layers below it (OCI image spec, "Whiteouts"): `.wh.<name>`
 * deletes `<name>` (and what lies under it) from lower layers, `.wh..wh..opq` empties its directory of lower
 * content; then the layer's own entries replace what they cover — a kept file its content, any other entry
 * (directory, symlink, unwanted file) removes a lower file at that path.
 */
export function applyLayer(files: Map<string, Buffer>, entries: readonly TarEntry[]): void {
  for (const entry of entries) {
    const slash = entry.path.lastIndexOf('/');
    const dir = slash === -1 ? '' : entry.path.slice(0, slash + 1);
    const base = entry.path.slice(slash + 1);
    if (base === OPAQUE) removeUnder(files, dir);
    else if (base.startsWith(WHITEOUT)) removeTree(files, dir + base.slice(WHITEOUT.length));
  }
  for (const entry of entries) {
    const base = entry.path.slice(entry.path.lastIndexOf('/') + 1);
    if (base.startsWith(WHITEOUT)) continue;
    if (entry.data) files.set(entry.path, entry.data);
    else files.delete(entry.path);
  }
}

function removeTree(files: Map<string, Buffer>, path: string): void {
  files.delete(path);
  removeUnder(files, `${path}/`);
}

function removeUnder(files: Map<string, Buffer>, prefix: string): void {
  for (const path of [...files.keys()]) if (path.startsWith(prefix)) files.delete(path);
}
