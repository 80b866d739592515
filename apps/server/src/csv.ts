/** One RFC 4180 field: quoted when it holds a quote, comma or line break; null is empty. */
function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with its CRLF line end. */
export function csvLine(values: ReadonlyArray<string | number | boolean | null>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
