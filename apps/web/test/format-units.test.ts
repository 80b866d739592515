import { describe, expect, it } from 'vitest';
import { formatBytes } from '../src/components/ByteSize.tsx';
import { formatDuration, millisBetween } from '../src/time/format-duration.ts';

describe('formatDuration', () => {
  it('uses at most two units, the largest first', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(4 * 60_000 + 5_000)).toBe('4 min 05 s');
    expect(formatDuration(2 * 3_600_000 + 3 * 60_000)).toBe('2 h 03 min');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 04 h');
  });

  it('marks a negative duration (clock skew) instead of hiding it', () => {
    expect(formatDuration(-1_500)).toBe('−1.5 s');
  });
});

describe('millisBetween', () => {
  it('is null while either end is missing', () => {
    expect(millisBetween('2025-01-01T00:00:00Z', null)).toBeNull();
    expect(millisBetween('2025-01-01T00:00:00Z', '2025-01-01T00:00:01.250Z')).toBe(1_250);
  });
});

describe('formatBytes', () => {
  it('uses binary units with three significant digits', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MiB');
    expect(formatBytes(123.4 * 1024 * 1024)).toBe('123 MiB');
  });
});
