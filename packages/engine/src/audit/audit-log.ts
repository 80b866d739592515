import type { AuditEntry, AuditPage, ListAuditQuery, OperatorContext } from '@execops/contract';
import type { Queryable } from '../db/pool.ts';
import { InvalidCursorError } from '../store/errors.ts';

export interface AuditRecord {
  tenant: string;
  operator: OperatorContext;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

interface AuditRow {
  id: number;
  tenant: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  reason: string;
  ticket: string | null;
  before: AuditEntry['before'];
  after: AuditEntry['after'];
  trace_id: string | null;
  ts: Date;
}

const INSERT_SQL = `
INSERT INTO audit_log (tenant, actor, action, target_type, target_id, reason, ticket, before, after, trace_id)
SELECT $1, $2, $3, $4, t.id, $6, $7, t.before, t.after, $8
FROM unnest($5::text[], $9::jsonb[], $10::jsonb[]) AS t(id, before, after)`;

/**
 * Writes audit rows; pass the transaction's client so they commit with the change they describe. Many targets
 * of one action (a bulk change) go in one statement.
 */
export async function recordAudit(db: Queryable, records: readonly AuditRecord[]): Promise<void> {
  const [first] = records;
  if (!first) return;
  const { tenant, operator, action, targetType } = first;
  if (records.some((r) => r.tenant !== tenant || r.action !== action || r.targetType !== targetType || r.operator !== operator)) {
    throw new Error('recordAudit: one call records one action by one operator in one tenant');
  }
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  await db.query(INSERT_SQL, [
    tenant,
    operator.actor,
    action,
    targetType,
    records.map((r) => r.targetId),
    operator.reason,
    operator.ticket ?? null,
    operator.traceId ?? null,
    records.map((r) => json(r.before)),
    records.map((r) => json(r.after)),
  ]);
}

/** Newest first; the cursor is the last id seen. */
export async function listAudit(db: Queryable, tenant: string, query: ListAuditQuery): Promise<AuditPage> {
  const values: unknown[] = [tenant];
  const where = ['tenant = $1'];
  const param = (value: unknown) => `$${values.push(value)}`;
  if (query.targetType) where.push(`target_type = ${param(query.targetType)}`);
  if (query.targetId) where.push(`target_id = ${param(query.targetId)}`);
  if (query.action) where.push(`action = ${param(query.action)}`);
  if (query.actor) where.push(`actor = ${param(query.actor)}`);
  if (query.since) where.push(`ts >= ${param(query.since)}::timestamptz`);
  if (query.until) where.push(`ts < ${param(query.until)}::timestamptz`);
  if (query.cursor) {
    if (!/^\d{1,18}$/.test(query.cursor)) throw new InvalidCursorError();
    where.push(`id < ${param(query.cursor)}::bigint`);
  }
  const { rows } = await db.query<AuditRow>(
    `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${param(query.limit + 1)}`,
    values,
  );
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      tenant: row.tenant,
      actor: row.actor,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      reason: row.reason,
      ticket: row.ticket,
      before: row.before,
      after: row.after,
      traceId: row.trace_id,
      ts: row.ts.toISOString(),
    })),
    nextCursor: rows.length > query.limit ? String(page.at(-1)?.id) : null,
  };
}
