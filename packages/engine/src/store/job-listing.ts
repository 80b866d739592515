import type { ListJobsQuery } from '@execops/contract';
import { InvalidCursorError } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The cursor is opaque to clients: the id of the last job on the page, newest-first order continues below it. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID.test(id)) throw new InvalidCursorError();
  return id;
}

function escapeLike(text: string): string {
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

/** `SELECT` for one page of a tenant's jobs, newest first, fetching one extra row to know if more follow. */
export function buildListJobsQuery(tenant: string, query: ListJobsQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const where = jobFilterConditions(tenant, query, values);
  if (query.cursor) where.push(`id < $${values.push(decodeCursor(query.cursor))}::uuid`);
  const limit = `$${values.push(query.limit + 1)}`;
  return { text: `SELECT * FROM jobs WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${limit}`, values };
}
