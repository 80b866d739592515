import { FINISHED_STATES, type JobSort, type JobState, type ListJobsQuery } from '@execops/contract';
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

/** The "comes after the cursor" condition for keyset paging on (non-null sort key, id), or on id alone. */
function afterCursor(sortKey: SortKey | null, order: Order, cursor: CursorPayload, param: (value: unknown) => string): string {
  const beyond = order === 'asc' ? '>' : '<';
  const id = `${param(cursor.id)}::uuid`;
  return sortKey === null ? `id ${beyond} ${id}` : `(${sortKey.column}, id) ${beyond} (${param(cursor.key)}::${sortKey.cast}, ${id})`;
}

/** `SELECT` for one page of a tenant's jobs in the query's order, fetching one extra row to know if more follow. */
export function buildListJobsQuery(tenant: string, query: ListJobsQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = jobFilterConditions(tenant, query, values);
  const sortKey = query.sort === 'createdAt' ? null : SORT_KEYS[query.sort];
  const cursor = query.cursor ? decodeCursor(query.cursor, query.sort, query.order) : null;
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  const keyText = sortKey ? keyAsText(sortKey) : 'NULL';
  const limit = param(query.limit + 1);
  const select = (conditions: string[], orderBy: string, rows = limit) =>
    `SELECT *, ${keyText} AS ${SORT_KEY_COLUMN} FROM jobs WHERE ${conditions.join(' AND ')} ORDER BY ${orderBy} LIMIT ${rows}`;
  if (!sortKey?.nullable) {
    const conditions = cursor ? [...where, afterCursor(sortKey, query.order, cursor, param)] : where;
    const orderBy = sortKey ? `${sortKey.column} ${direction}, id ${direction}` : `id ${direction}`;
    return { text: select(conditions, orderBy), values };
  }
  // Nulls come last in both directions. Rows with a key are read first, in the order of a partial index over the
  // non-null keys (read backwards for desc); rows without one only fill what the page still lacks (LIMIT 0 reads
  // nothing), in the order of a partial index over them. The final sort sees at most one page. finishedAt is set
  // exactly in the final states (a constraint of migration 020), so a state filter can rule either part out.
  const { column } = sortKey;
  const final = (state: JobState) => FINISHED_STATES.includes(state);
  const unkeyed = [...where, `${column} IS NULL`];
  if (cursor?.key === null) unkeyed.push(afterCursor(null, query.order, cursor, param));
  const keyed = [...where, `${column} IS NOT NULL`];
  if (cursor && cursor.key !== null) keyed.push(afterCursor(sortKey, query.order, cursor, param));
  if (cursor?.key === null || query.state?.every((state) => !final(state))) return { text: select(unkeyed, `id ${direction}`), values };
  const keyedFirst = select(keyed, `${column} ${direction}, id ${direction}`);
  if (query.state?.every(final)) return { text: keyedFirst, values };
  const rest = select(unkeyed, `id ${direction}`, `${limit} - (SELECT count(*) FROM keyed)`);
  return {
    text: `WITH keyed AS MATERIALIZED (${keyedFirst}) SELECT * FROM (SELECT * FROM keyed UNION ALL (${rest})) page ORDER BY ${column} ${direction} NULLS LAST, id ${direction}`,
    values,
  };
}
