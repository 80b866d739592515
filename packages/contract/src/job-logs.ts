import { queryInt } from './query-int.ts';
import { z } from 'zod';

const isoDate = z.iso.datetime({ offset: true });

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export const LogLevel = z.enum(LOG_LEVELS);
export type LogLevel = z.infer<typeof LogLevel>;

export const MAX_LOG_LINES_PER_CALL = 500;
export const MAX_LOG_MESSAGE = 8192;

export const JobLogFields = z.record(z.string().max(128), z.json()).describe('structured fields of the line');
export type JobLogFields = z.infer<typeof JobLogFields>;

/** A line as a worker sends it; `ts` defaults to the time the server stores it. */
export const JobLogLineInput = z.strictObject({
  level: LogLevel,
  message: z.string().max(MAX_LOG_MESSAGE),
  fields: JobLogFields.optional(),
  ts: isoDate.optional(),
});
export type JobLogLineInput = z.infer<typeof JobLogLineInput>;

export const JobLogLine = z
  .object({
    id: z.int().describe('increasing per line; pass the last one seen as afterId to tail'),
    attempt: z.int(),
    ts: isoDate,
    level: LogLevel,
    message: z.string(),
    fields: JobLogFields.nullable(),
  })
  .meta({ id: 'JobLogLine' });
export type JobLogLine = z.infer<typeof JobLogLine>;

export const JOB_LOGS_LIMIT_DEFAULT = 200;
export const JOB_LOGS_LIMIT_MAX = 1000;

export const JobLogsQuery = z
  .strictObject({
    afterId: queryInt(0, Number.MAX_SAFE_INTEGER).default(0).describe('only lines after this id (0: from the start)'),
    limit: queryInt(1, JOB_LOGS_LIMIT_MAX).default(JOB_LOGS_LIMIT_DEFAULT),
  })
  // No registered id: @fastify/swagger cannot resolve a $ref for query parameters.
  .describe('log tail position');
export type JobLogsQuery = z.infer<typeof JobLogsQuery>;

export const JobLogPage = z
  .object({
    items: z.array(JobLogLine),
    nextAfterId: z.int().describe('afterId for the next call: the last line returned, or the given afterId'),
    hasMore: z.boolean().describe('more lines are already stored; ask again at once'),
  })
  .meta({ id: 'JobLogPage' });
export type JobLogPage = z.infer<typeof JobLogPage>;

export const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

export const JobArtifactInput = z.strictObject({
  name: z.string().min(1).max(200).describe('unique per job; adding a name again replaces it'),
  uri: z.string().min(1).max(2048),
  digest: z.string().regex(SHA256_DIGEST, 'digest must be sha256:<64 lowercase hex>'),
  size: z.int().min(0).max(Number.MAX_SAFE_INTEGER).describe('bytes'),
  mime: z.string().regex(/^[\w.+-]+\/[\w.+-]+(;.*)?$/, 'mime must be type/subtype').max(255),
});
export type JobArtifactInput = z.infer<typeof JobArtifactInput>;

export const JobArtifact = JobArtifactInput.extend({
  attempt: z.int().describe('the attempt that added it'),
  createdAt: isoDate,
}).meta({ id: 'JobArtifact' });
export type JobArtifact = z.infer<typeof JobArtifact>;

export const JobArtifactList = z.object({ items: z.array(JobArtifact) }).meta({ id: 'JobArtifactList' });
export type JobArtifactList = z.infer<typeof JobArtifactList>;

/**
 * Ships items in order with at most one write in flight: the first item goes out at once and items that
 * arrive meanwhile go together in the next write (group commit, without timers). Used for job log lines by
 * both the in-process runtime and the HTTP worker SDK.
 */
export class SerialBatcher<T> {
  private pending: T[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  push(item: T): void {
    this.pending.push(item);
    this.flushing ??= Promise.resolve().then(() => this.flushAll());
  }

  /** Resolves once everything pushed so far is written (or reported to `onError`). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushAll(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.maxBatch);
        try {
          await this.write(batch);
        } catch (error) {
          this.onError(error);
        }
      }
    } finally {
      // In the same turn as the loop's last check, so an item pushed later always starts a new flush.
      this.flushing = undefined;
    }
  }
}
