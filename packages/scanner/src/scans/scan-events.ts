import { SCANS_TOPIC, ScanEvent, type ScanEventBody } from '@execops/contract';
import { subjectEvents, type Queryable } from '@execops/engine';

// The tenant comes from the scan's row, so a step needs only the scan id; a scan deleted meanwhile writes nothing.
const INSERT_SCAN_EVENT_SQL = `
INSERT INTO events (tenant, topic, type, subject_id, data)
SELECT tenant, '${SCANS_TOPIC}', $2, id::text, $3::jsonb FROM scans WHERE id = $1`;

/** Writes a scan event on topic `scans`; call it in the transaction (or statement) that makes the change. */
export async function recordScanEvent(db: Queryable, scanId: string, event: ScanEventBody): Promise<void> {
  await db.query(INSERT_SCAN_EVENT_SQL, [scanId, event.type, JSON.stringify(event.data)]);
}

const TIMELINE_LIMIT = 1000;

/** The scan's events, oldest first: the stage timeline. */
export async function scanTimeline(db: Queryable, tenant: string, scanId: string): Promise<ScanEvent[]> {
  const events = await subjectEvents(db, tenant, SCANS_TOPIC, scanId, TIMELINE_LIMIT);
  return events.map(({ id, subjectId, ts, type, data }) => ScanEvent.parse({ id, subjectId, ts, type, data }));
}
