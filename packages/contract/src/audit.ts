import { queryInt } from './query-int.ts';
import { z } from 'zod';

/** Who acts and why: every operator mutation carries these (from `X-Operator-Reason` / `X-Operator-Ticket`). */
export const OperatorContext = z.object({
  actor: z.string().min(1).max(200),
  reason: z.string().trim().min(1, 'a reason is required').max(256),
  ticket: z.string().trim().min(1).max(128).optional(),
  traceId: z.string().optional(),
});
export type OperatorContext = z.infer<typeof OperatorContext>;

export const OperatorHeaders = z.object({
  'x-operator-reason': z.string().max(256).describe('why (required for every operator mutation, ≤ 256)'),
  'x-operator-ticket': z.string().max(128).optional().describe('change ticket (≤ 128)'),
});

export const AuditEntry = z
  .object({
    id: z.int(),
    tenant: z.string(),
    actor: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    reason: z.string(),
    ticket: z.string().nullable(),
    before: z.json().nullable(),
    after: z.json().nullable(),
    traceId: z.string().nullable(),
    ts: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ListAuditQuery = z.strictObject({
  targetType: z.string().min(1).max(64).optional(),
  targetId: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(64).optional(),
  actor: z.string().min(1).max(200).optional(),
  since: z.iso.datetime({ offset: true }).optional().describe('entries at or after this time'),
  until: z.iso.datetime({ offset: true }).optional().describe('entries before this time'),
  limit: queryInt(1, 500).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }).meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;
