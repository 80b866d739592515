import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OsvRecord } from '../osv/osv-record.ts';
import { firstIssue } from './zod-issue.ts';

export class OsvInputError extends Error {
  override name = 'OsvInputError';
}

/** The files named and every `*.json` of the folders named (not recursive, in name order). */
export async function jsonFilesOf(paths: readonly string[], fail: (message: string) => Error): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw fail(`${path}: no such file or folder`);
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((name) => name.endsWith('.json')).sort();
      files.push(...names.map((name) => join(path, name)));
    } else {
      files.push(path);
    }
  }
  return files;
}

/**
 * Reads OSV records from files and folders (every `*.json` in a folder, not recursive, in name order); a file holds
 * one record or an array of records. An invalid record fails with the file and field in the message.
 */
export async function readOsvInputs(paths: readonly string[]): Promise<OsvRecord[]> {
  const files = await jsonFilesOf(paths, (message) => new OsvInputError(message));
  if (files.length === 0) throw new OsvInputError(`no OSV JSON files in ${paths.join(', ')}`);
  const records: OsvRecord[] = [];
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new OsvInputError(`${file}: not JSON: ${(error as Error).message}`);
    }
    for (const [index, item] of (Array.isArray(json) ? json : [json]).entries()) {
      const parsed = OsvRecord.safeParse(item);
      if (!parsed.success) {
        throw new OsvInputError(`${file}${Array.isArray(json) ? `[${index}]` : ''}: not an OSV record: ${firstIssue(parsed.error)}`);
      }
      records.push(parsed.data);
    }
  }
  return records;
}
