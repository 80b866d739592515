import { OperatorContext } from '@execops/contract';
import type { BulkRun } from '@execops/engine';
import type { FastifyRequest } from 'fastify';
import { requestAuth } from './auth/request-auth.ts';
import { ApiError } from './error-envelope.ts';

/**
 * Who is acting and why: the signed-in token's name (`session:<name>` from the console), `X-Operator-Reason`
 * (required) and `X-Operator-Ticket`.
 */
export function requestOperator(request: FastifyRequest): OperatorContext {
  const reason = request.headers['x-operator-reason'];
  const ticket = request.headers['x-operator-ticket'];
  const parsed = OperatorContext.safeParse({
    actor: requestAuth(request).actor,
    reason: typeof reason === 'string' ? reason : '',
    ticket: typeof ticket === 'string' && ticket.trim() !== '' ? ticket : undefined,
    traceId: request.id,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const header = issue?.path[0] === 'ticket' ? 'X-Operator-Ticket' : 'X-Operator-Reason';
  throw new ApiError(400, 'validation_failed', `${header}: ${issue?.message ?? 'invalid'} (reason ≤ 256, ticket ≤ 128 characters)`);
}

/** A dry run changes nothing, so the console can show its count before the operator writes a reason. */
export function bulkRun(request: FastifyRequest, dryRun: boolean): BulkRun {
  return dryRun ? { dryRun: true } : { dryRun: false, operator: requestOperator(request) };
}
