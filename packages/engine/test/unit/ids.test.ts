import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/ids.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('is a version 7, variant 1 UUID carrying its millisecond', () => {
    const at = Date.UTC(2030, 0, 1);
    const id = uuidv7(at + 1_000_000);
    expect(id).toMatch(V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at + 1_000_000);
  });

  it('sorts in creation order and never repeats, across many refills of its random pool', () => {
    const ids = Array.from({ length: 5_000 }, () => uuidv7(Date.UTC(2031, 0, 1)));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => V7.test(id))).toBe(true);
    // Random bits differ between ids minted in the same millisecond: not a counter alone.
    expect(new Set(ids.map((id) => id.slice(-12))).size).toBe(ids.length);
  });
});
