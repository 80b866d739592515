import type { DeadLetterFilter } from '@execops/contract';
import { InvalidCursorError } from '../store/errors.ts';
import { escapeLike, isUtcMicros } from '../store/job-listing.ts';

/** `WHERE` conditions for a tenant's entries matching `filter` (listing, bulk actions and exports share them). */
export function deadLetterConditions(tenant: string, filter: DeadLetterFilter, values: unknown[]): string[] {
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = [`tenant = ${param(tenant)}`];
  if (filter.status) where.push(`status = ANY(${param(filter.status)}::text[])`);
  if (filter.jobType) where.push(`job_type = ${param(filter.jobType)}`);
  if (filter.cluster) where.push(`cluster_key = ${param(filter.cluster)}`);
  if (filter.class) where.push(`error_class = ANY(${param(filter.class)}::text[])`);
  if (filter.retryable !== undefined) where.push(`retryable = ${param(filter.retryable)}`);
  if (filter.deadLetteredAfter) where.push(`dead_lettered_at >= ${param(filter.deadLetteredAfter)}::timestamptz`);
  if (filter.deadLetteredBefore) where.push(`dead_lettered_at < ${param(filter.deadLetteredBefore)}::timestamptz`);
  if (filter.text) {
    const like = param(`%${escapeLike(filter.text)}%`);
    where.push(
      `(error_code ILIKE ${like} OR error->>'message' ILIKE ${like} OR job_type ILIKE ${like}` +
        ` OR id::text ILIKE ${like} OR job_id::text ILIKE ${like})`,
    );
  }
  return where;
}

/** The keyset of the newest-first order, as text: (dead_lettered_at in UTC with microseconds, id). */
export const SORT_KEY_SQL = `to_char(dead_lettered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface DeadLetterPosition {
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeDeadLetterCursor(position: DeadLetterPosition): string {
  return Buffer.from(`${position.at}|${position.id}`, 'utf8').toString('base64url');
}

export function decodeDeadLetterCursor(cursor: string): DeadLetterPosition {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !at || !id || !isUtcMicros(at) || !UUID.test(id)) throw new InvalidCursorError();
  return { at, id };
}

/** "Comes after this position" in newest-first order. */
export function afterPosition(position: DeadLetterPosition, values: unknown[]): string {
  const at = `$${values.push(position.at)}::timestamptz`;
  const id = `$${values.push(position.id)}::uuid`;
  return `(dead_lettered_at, id) < (${at}, ${id})`;
}
