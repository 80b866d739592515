/** `--reason` / `--ticket` as the API's operator headers. */
export function operatorHeaders(options: { reason: string; ticket?: string | undefined }): Record<string, string> {
  const headers: Record<string, string> = { 'X-Operator-Reason': options.reason };
  if (options.ticket) headers['X-Operator-Ticket'] = options.ticket;
  return headers;
}
