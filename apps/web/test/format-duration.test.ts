import { describe, expect, it } from 'vitest';
import { formatDuration, formatRawMs } from '../src/time/format-duration.ts';

describe('durations', () => {
  it('picks the unit an operator reads at a glance', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(849.6)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(4 * 60_000 + 5_900)).toBe('4 min 05 s');
    expect(formatDuration(3 * 3_600_000 + 12 * 60_000)).toBe('3 h 12 min');
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000)).toBe('2 d 04 h');
  });

  it('keeps the sign of a negative duration and refuses non-numbers', () => {
    expect(formatDuration(-1_500)).toBe('-1.5 s');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('prints the raw milliseconds for the hover title', () => {
    expect(formatRawMs(1_234_567.8)).toBe('1,234,568 ms');
  });
});
