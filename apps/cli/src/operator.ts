import { Option } from '@commander-js/extra-typings';

/** `--reason` / `--ticket` as the API's operator headers. */
export function operatorHeaders(options: { reason: string; ticket?: string | undefined }): Record<string, string> {
  const headers: Record<string, string> = { 'X-Operator-Reason': options.reason };
  if (options.ticket) headers['X-Operator-Ticket'] = options.ticket;
  return headers;
}

/** The options every audited command takes (`--reason`, `--ticket`) and every API command's `--json`. */
export const reasonOption = () => new Option('--reason <text>', 'why (required; recorded in the audit log)').makeOptionMandatory();
export const ticketOption = () => new Option('--ticket <ticket>', 'change ticket');
export const jsonOption = () => new Option('--json', 'print the API answer as JSON');
