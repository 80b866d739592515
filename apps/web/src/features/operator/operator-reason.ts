export const REASON_MAX = 256;
export const TICKET_MAX = 128;

/** What an operator states for every elevated action; sent as `X-Operator-Reason` / `X-Operator-Ticket`. */
export interface OperatorReason {
  reason: string;
  ticket: string;
}

export const EMPTY_OPERATOR_REASON: OperatorReason = { reason: '', ticket: '' };

/** Header values travel as Latin-1, which is all `fetch` accepts. */
const HEADER_SAFE = /^[\t\x20-\x7e\xa0-\xff]*$/;

export interface OperatorReasonErrors {
  reason?: string;
  ticket?: string;
}

export function validateOperatorReason({ reason, ticket }: OperatorReason): OperatorReasonErrors {
  const errors: OperatorReasonErrors = {};
  if (reason.trim() === '') errors.reason = 'A reason is required; it is recorded in the audit log.';
  else if (reason.length > REASON_MAX) errors.reason = `At most ${REASON_MAX} characters.`;
  else if (!HEADER_SAFE.test(reason)) errors.reason = 'Use Latin-1 characters only (the reason is sent as an HTTP header).';
  if (ticket.length > TICKET_MAX) errors.ticket = `At most ${TICKET_MAX} characters.`;
  else if (!HEADER_SAFE.test(ticket)) errors.ticket = 'Use Latin-1 characters only.';
  return errors;
}

export function operatorHeaders({ reason, ticket }: OperatorReason): Record<string, string> {
  const headers: Record<string, string> = { 'X-Operator-Reason': reason.trim() };
  if (ticket.trim() !== '') headers['X-Operator-Ticket'] = ticket.trim();
  return headers;
}
