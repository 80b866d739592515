import { describe, expect, it } from 'vitest';
import { formatDuration } from '../src/output.ts';

describe('formatDuration', () => {
  it.each([
    [null, '-'],
    [0, '0 ms'],
    [849.6, '850 ms'],
    [999.7, '1.0 s'],
    [12_340, '12.3 s'],
    [59_960, '1 min 00 s'],
    [245_000, '4 min 05 s'],
    [7_380_000, '2 h 03 min'],
  ])('%s → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
