export type TimeZoneMode = 'utc' | 'local';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function offsetLabel(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The one way the console prints an instant: `2025-01-31 14:05:09 UTC` or the same in local time with its offset. */
export function formatTimestamp(iso: string, mode: TimeZoneMode): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (mode === 'utc') return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${day} ${time} ${offsetLabel(date)}`;
}

/** Value for an `<input type="datetime-local">`, read in the chosen zone. */
export function toDateTimeInputValue(iso: string | undefined, mode: TimeZoneMode): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  if (mode === 'utc') return date.toISOString().slice(0, 16);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** ISO instant for a `datetime-local` value interpreted in the chosen zone; undefined when empty or invalid. */
export function fromDateTimeInputValue(value: string, mode: TimeZoneMode): string | undefined {
  if (!value) return undefined;
  const date = new Date(mode === 'utc' ? `${value}Z` : value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
