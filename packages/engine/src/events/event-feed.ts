import type { StreamEvent } from '@execops/contract';
import type { Queryable } from '../db/pool.ts';

/** A position in the event stream: after this (transaction, id). Written as `xact.id` in SSE ids. */
export interface EventCursor {
  xact: string;
  id: number;
}

export interface FeedEvent extends StreamEvent {
  cursor: EventCursor;
}

const CURSOR_PATTERN = /^(\d{1,20})\.(\d{1,18})$/;

export function formatCursor(cursor: EventCursor): string {
  return `${cursor.xact}.${cursor.id}`;
}

export function parseCursor(text: string): EventCursor | null {
  const match = CURSOR_PATTERN.exec(text);
  return match ? { xact: match[1]!, id: Number(match[2]) } : null;
}

/** The position just before every transaction still running: a new subscriber starts here. */
export async function currentCursor(db: Queryable): Promise<EventCursor> {
  const { rows } = await db.query<{ xmin: string }>(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
  return { xact: rows[0]!.xmin, id: 0 };
}

interface EventRow {
  id: number;
  tenant: string;
  topic: string;
  type: string;
  subject_id: string;
  data: StreamEvent['data'];
  ts: Date;
  xact: string;
}

const READ_SQL = `
SELECT id, tenant, topic, type, subject_id, data, ts, xact::text AS xact FROM events
WHERE (xact, id) > ($1::xid8, $2::bigint) AND xact < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY xact, id
LIMIT $3`;

const SUBJECT_SQL = `
SELECT id, tenant, topic, type, subject_id, data, ts, xact::text AS xact FROM events
WHERE tenant = $1 AND topic = $2 AND subject_id = $3
ORDER BY id
LIMIT $4`;

/** The history of one subject (a job, a run), oldest first. */
export async function subjectEvents(db: Queryable, tenant: string, topic: string, subjectId: string, limit: number): Promise<StreamEvent[]> {
  const { rows } = await db.query<EventRow>(SUBJECT_SQL, [tenant, topic, subjectId, limit]);
  return rows.map(toFeedEvent).map(({ cursor: _cursor, ...event }) => event);
}

function toFeedEvent(row: EventRow): FeedEvent {
  return {
    id: row.id,
    tenant: row.tenant,
    topic: row.topic,
    type: row.type,
    subjectId: row.subject_id,
    data: row.data,
    ts: row.ts.toISOString(),
    cursor: { xact: row.xact, id: row.id },
  };
}

/** Events committed after `cursor`, oldest first, that no still-running transaction can precede. */
export async function readEvents(db: Queryable, cursor: EventCursor, limit: number): Promise<FeedEvent[]> {
  const { rows } = await db.query<EventRow>(READ_SQL, [cursor.xact, cursor.id, limit]);
  return rows.map(toFeedEvent);
}
