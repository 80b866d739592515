import { describe, expect, it } from 'vitest';
import { formatBytes } from '../src/components/ByteSize.tsx';
import { millisBetween } from '../src/time/format-duration.ts';

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
