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

/** `SELECT` for one page of a tenant's jobs, newest first, fetching one extra row to know if more follow. */
export function buildListJobsQuery(tenant: string, query: ListJobsQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [tenant];
  const where = ['tenant = $1'];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (query.state) where.push(`state = ANY(${param(query.state)}::text[])`);
  if (query.jobType) where.push(`job_type = ${param(query.jobType)}`);
  if (query.queue) where.push(`queue = ${param(query.queue)}`);
  if (query.createdAfter) where.push(`created_at >= ${param(query.createdAfter)}::timestamptz`);
  if (query.createdBefore) where.push(`created_at < ${param(query.createdBefore)}::timestamptz`);
  if (query.text) {
    const like = param(`%${escapeLike(query.text)}%`);
    where.push(
      `(id::text ILIKE ${like} OR job_type ILIKE ${like} OR idempotency_key ILIKE ${like}` +
        ` OR correlation_id ILIKE ${like} OR last_error->>'message' ILIKE ${like} OR last_error->>'code' ILIKE ${like})`,
    );
  }
  if (query.cursor) where.push(`id < ${param(decodeCursor(query.cursor))}::uuid`);
  const limit = param(query.limit + 1);
  return { text: `SELECT * FROM jobs WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${limit}`, values };
}
