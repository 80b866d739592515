import { describe, expect, it } from 'vitest';
import { formatTimestamp, fromDateTimeInputValue, toDateTimeInputValue } from '../src/time/format-timestamp.ts';

describe('timestamps', () => {
  it('prints UTC with a suffix', () => {
    expect(formatTimestamp('2025-01-31T14:05:09.123Z', 'utc')).toBe('2025-01-31 14:05:09 UTC');
  });

  it('prints local time with its offset', () => {
    expect(formatTimestamp('2025-01-31T14:05:09Z', 'local')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC[+-]\d{2}:\d{2}$/);
  });

  it('leaves unparseable input as it is', () => {
    expect(formatTimestamp('not a date', 'utc')).toBe('not a date');
  });

  it('reads datetime-local values in the chosen zone', () => {
    expect(fromDateTimeInputValue('2025-01-31T14:05', 'utc')).toBe('2025-01-31T14:05:00.000Z');
    expect(toDateTimeInputValue('2025-01-31T14:05:00.000Z', 'utc')).toBe('2025-01-31T14:05');
    expect(fromDateTimeInputValue('', 'utc')).toBeUndefined();
  });
});
