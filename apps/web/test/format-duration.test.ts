import { describe, expect, it } from 'vitest';
import { formatDuration } from '../src/time/format-duration.ts';

describe('durations', () => {
  it('prints milliseconds, seconds, minutes and hours', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_449)).toBe('12.4 s');
    expect(formatDuration(185_000)).toBe('3 m 05 s');
    expect(formatDuration(7_620_000)).toBe('2 h 07 m');
  });
});
