import { lstat, opendir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TargetError } from './target-error.ts';
import type { TargetLimits } from './resolve-target.ts';

/**
 * Walks a directory without following symbolic links (a link cannot lead the scan outside the target) and reads the
 * wanted regular files. Every entry counts against `maxEntries`, every regular file's size against
 * `maxTargetBytes`.
 */
export async function readDirectory(
  root: string,
  limits: TargetLimits,
  wants: (path: string) => boolean,
): Promise<{ files: Map<string, Buffer>; entries: number; bytes: number }> {
  const rootStat = await lstat(root).catch(() => null);
  if (!rootStat?.isDirectory()) throw new TargetError('not_found', `${root} is not a directory`);
  const files = new Map<string, Buffer>();
  let entries = 0;
  let bytes = 0;
  const pending: string[] = [''];
  while (pending.length) {
    const relative = pending.pop() ?? '';
    for await (const dirent of await opendir(join(root, relative))) {
      const path = relative ? `${relative}/${dirent.name}` : dirent.name;
      if (++entries > limits.maxEntries) {
        throw new TargetError('too_many_entries', `${root} has more than ${limits.maxEntries} entries`);
      }
      if (dirent.isDirectory()) {
        pending.push(path);
        continue;
      }
      if (!dirent.isFile()) continue;
      const { size } = await lstat(join(root, path));
      bytes += size;
      if (bytes > limits.maxTargetBytes)
        throw new TargetError('too_large', `${root} exceeds ${limits.maxTargetBytes} bytes`);
      if (!wants(path)) continue;
      if (size > limits.maxFileBytes) {
        throw new TargetError('too_large', `${path} is ${size} bytes; the limit is ${limits.maxFileBytes}`);
      }
      files.set(path, await readFile(join(root, path)));
    }
  }
  return { files, entries, bytes };
}
