import type { JobSort, ListJobsQuery } from '@execops/contract';
import { z } from 'zod';
import { InvalidCursorError } from './errors.ts';

/**
 * How each sort orders the listing. Ties are broken by id; `createdAt` is the id itself (uuid v7 ids are in
 * creation order, and the id indexes serve it). Nullable keys come after every non-null key in both directions.
 */
interface SortKey {
  column: string;
  cast: 'integer' | 'timestamptz';
  nullable: boolean;
}
const SORT_KEYS: Record<Exclude<JobSort, 'createdAt'>, SortKey> = {
  priority: { column: 'priority', cast: 'integer', nullable: false },
  runAt: { column: 'run_at', cast: 'timestamptz', nullable: false },
  finishedAt: { column: 'finished_at', cast: 'timestamptz', nullable: true },
};

type Order = ListJobsQuery['order'];

/** What a cursor carries: the sort it was made for and the (sort key, id) of the last row of its page. */
const CursorPayload = z.strictObject({
  sort: z.string(),
  order: z.string(),
  key: z.union([z.string().max(64), z.int().min(-(2 ** 31)).max(2 ** 31 - 1), z.null()]),
  id: z.uuid(),
});
type CursorPayload = z.infer<typeof CursorPayload>;

/** The sort key of a listed row as text (timestamps in UTC with their microseconds), or null. */
export const SORT_KEY_COLUMN = 'sort_key';
const UTC_MICROS = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A real instant (no 31 February) that PostgreSQL will take, so a forged cursor is a 400 and not a SQL error. */
export function isUtcMicros(text: string): boolean {
  if (!UTC_MICROS.test(text)) return false;
  const date = new Date(text);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 23) === text.slice(0, 23);
}

function keyAsText({ column, cast }: SortKey): string {
  return cast === 'timestamptz' ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : `${column}::text`;
}

export function encodeCursor(sort: JobSort, order: Order, last: { id: string; sortKey: string | null }): string {
  const key = sort === 'priority' ? Number(last.sortKey) : last.sortKey;
  const payload: CursorPayload = { sort, order, key, id: last.id };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The cursor's position, refused unless it was issued for this very sort and order. */
export function decodeCursor(cursor: string, sort: JobSort, order: Order): CursorPayload {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const payload = CursorPayload.safeParse(parsed);
  if (!payload.success || payload.data.sort !== sort || payload.data.order !== order) throw new InvalidCursorError();
  const { key } = payload.data;
  const keyFits =
    sort === 'createdAt' ? key === null
    : sort === 'priority' ? typeof key === 'number'
    : (key === null && SORT_KEYS[sort].nullable) || (typeof key === 'string' && isUtcMicros(key));
  if (!keyFits) throw new InvalidCursorError();
  return payload.data;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The selection part of a job filter (what listing and bulk actions by filter share). */
export type JobFilter = Omit<ListJobsQuery, 'limit' | 'cursor' | 'sort' | 'order'>;

/** `WHERE` conditions for a tenant's jobs matching `filter`; `values` receives the parameters. */
export function jobFilterConditions(tenant: string, filter: JobFilter, values: unknown[]): string[] {
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = [`tenant = ${param(tenant)}`];
  if (filter.state) where.push(`state = ANY(${param(filter.state)}::text[])`);
  if (filter.jobType) where.push(`job_type = ${param(filter.jobType)}`);
  if (filter.queue) where.push(`queue = ${param(filter.queue)}`);
  if (filter.createdAfter) where.push(`created_at >= ${param(filter.createdAfter)}::timestamptz`);
  if (filter.createdBefore) where.push(`created_at < ${param(filter.createdBefore)}::timestamptz`);
  if (filter.text) {
    const like = param(`%${escapeLike(filter.text)}%`);
    where.push(
      `(id::text ILIKE ${like} OR job_type ILIKE ${like} OR idempotency_key ILIKE ${like}` +
        ` OR correlation_id ILIKE ${like} OR last_error->>'message' ILIKE ${like} OR last_error->>'code' ILIKE ${like})`,
    );
  }
  return where;
}

/** The "comes after the cursor" condition for keyset paging on (sort key, id). */
function afterCursor(sortKey: SortKey | null, order: Order, cursor: CursorPayload, param: (value: unknown) => string): string {
  const beyond = order === 'asc' ? '>' : '<';
  const id = `${param(cursor.id)}::uuid`;
  if (!sortKey) return `id ${beyond} ${id}`;
  const { column, cast, nullable } = sortKey;
  if (cursor.key === null) return `(${column} IS NULL AND id ${beyond} ${id})`;
  const afterKey = `(${column}, id) ${beyond} (${param(cursor.key)}::${cast}, ${id})`;
  return nullable ? `(${afterKey} OR ${column} IS NULL)` : afterKey;
}

/** `SELECT` for one page of a tenant's jobs in the query's order, fetching one extra row to know if more follow. */
export function buildListJobsQuery(tenant: string, query: ListJobsQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = jobFilterConditions(tenant, query, values);
  const sortKey = query.sort === 'createdAt' ? null : SORT_KEYS[query.sort];
  if (query.cursor) where.push(afterCursor(sortKey, query.order, decodeCursor(query.cursor, query.sort, query.order), param));
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  // NULLS LAST only where nulls exist: on a NOT NULL column it would keep the planner from reading the index backwards.
  const nulls = sortKey?.nullable ? ' NULLS LAST' : '';
  const orderBy = sortKey ? `${sortKey.column} ${direction}${nulls}, id ${direction}` : `id ${direction}`;
  const keyText = sortKey ? keyAsText(sortKey) : 'NULL';
  const limit = param(query.limit + 1);
  return {
    text: `SELECT *, ${keyText} AS ${SORT_KEY_COLUMN} FROM jobs WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ${limit}`,
    values,
  };
}
