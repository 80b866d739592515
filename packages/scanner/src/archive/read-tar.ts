import { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';

/** Bounds every archive read: a tar bomb or an oversized upload fails with `too_large` before memory runs out. */
export interface TarLimits {
  maxEntries: number;
  /** Sum of the (decompressed) sizes of every entry, read or skipped. */
  maxTotalBytes: number;
  /** Largest single entry whose content is kept in memory. */
  maxEntryBytes: number;
}

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink';

export interface TarEntry {
  /** Normalised relative path: no leading `./` or `/`, no `.` or `..` segments, no trailing `/`. */
  path: string;
  type: TarEntryType;
  size: number;
  mode: number;
  /** Target of a symlink or hardlink, as written in the archive (never followed here). */
  linkTarget: string | null;
  /** The content, only for files the caller asked to keep. */
  data: Buffer | null;
}

export type ArchiveErrorCode = 'path_traversal' | 'too_large' | 'too_many_entries' | 'unsupported_entry' | 'corrupt';

export class ArchiveError extends Error {
  constructor(
    readonly code: ArchiveErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

export interface ReadTarOptions {
  limits: TarLimits;
  /** Which files' content to keep; others are counted and skipped. Default: none. */
  keep?: (path: string) => boolean;
}

const ENTRY_TYPES: Record<string, TarEntryType | undefined> = {
  File: 'file',
  OldFile: 'file',
  ContiguousFile: 'file',
  Directory: 'directory',
  SymbolicLink: 'symlink',
  Link: 'hardlink',
};

/**
 * Reads a tar or tar.gz (detected from its bytes) without writing anything to disk. Paths that are absolute or
 * climb out with `..` are refused as `path_traversal` rather than rewritten, so a hostile archive cannot be read
 * as if it were benign. Device files, FIFOs and unknown types are refused as `unsupported_entry`.
 */
export async function readTar(source: Buffer | Readable, options: ReadTarOptions): Promise<TarEntry[]> {
  const { limits, keep = () => false } = options;
  const entries: TarEntry[] = [];
  let totalBytes = 0;
  let failure: ArchiveError | null = null;
  const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;

  const parser = new Parser({
    strict: true,
    // Pax headers carry long names; the parser applies them before handing the entry over.
    onReadEntry: (entry: ReadEntry) => {
      if (failure) return void entry.resume();
      try {
        const type = entryType(entry);
        const path = normaliseEntryPath(entry.path);
        if (entries.length + 1 > limits.maxEntries) {
          throw new ArchiveError('too_many_entries', `archive has more than ${limits.maxEntries} entries`);
        }
        totalBytes += entry.size;
        if (totalBytes > limits.maxTotalBytes) {
          throw new ArchiveError('too_large', `archive content exceeds ${limits.maxTotalBytes} bytes`);
        }
        const kept = type === 'file' && path !== '' && keep(path);
        if (kept && entry.size > limits.maxEntryBytes) {
          throw new ArchiveError('too_large', `${path} is ${entry.size} bytes; the limit is ${limits.maxEntryBytes}`);
        }
        const record: TarEntry = {
          path,
          type,
          size: entry.size,
          mode: entry.mode ?? 0,
          linkTarget: type === 'symlink' || type === 'hardlink' ? (entry.linkpath ?? '') : null,
          data: null,
        };
        if (path !== '') entries.push(record);
        if (!kept) return void entry.resume();
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => {
          record.data = Buffer.concat(chunks);
        });
      } catch (error) {
        failure = error instanceof ArchiveError ? error : new ArchiveError('corrupt', String(error));
        entry.resume();
        // Stop inflating at once: a bomb must not be read to its end.
        input.unpipe(parser);
        input.destroy();
        parser.abort(failure);
      }
    },
  });

  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) =>
      reject(failure ?? (error instanceof ArchiveError ? error : new ArchiveError('corrupt', describe(error))));
    parser.on('warn', (_code: string, message: string | Error) => {
      failure ??= new ArchiveError('corrupt', describe(message));
    });
    parser.on('error', fail);
    parser.on('abort', fail);
    parser.on('end', () => (failure ? reject(failure) : resolve()));
    input.on('error', fail);
    input.pipe(parser);
  });
  return entries;
}

function entryType(entry: ReadEntry): TarEntryType {
  const type = ENTRY_TYPES[entry.type];
  if (!type) throw new ArchiveError('unsupported_entry', `${entry.path}: entries of type ${entry.type} are not accepted`);
  return type;
}

/** `./a/b/` → `a/b`; `/etc`, `a/../../b` and NUL bytes are refused. */
export function normaliseEntryPath(raw: string): string {
  if (raw.includes('\0')) throw new ArchiveError('path_traversal', 'entry path contains a NUL byte');
  if (raw.startsWith('/') || /^[A-Za-z]:[\\/]/.test(raw)) {
    throw new ArchiveError('path_traversal', `${raw}: absolute paths are not accepted`);
  }
  const segments = raw.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new ArchiveError('path_traversal', `${raw}: ".." segments are not accepted`);
  return segments.join('/');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
