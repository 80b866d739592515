import { describe, expect, it } from 'vitest';
import { parseFaultPoint } from '../src/fault-points.ts';

describe('EXECOPS_FAULT_POINT', () => {
  it('arms a point at its first hit, or at the N-th with name:N', () => {
    expect(parseFaultPoint('after-claim')).toEqual({ name: 'after-claim', hit: 1 });
    expect(parseFaultPoint(' cron-fire:3 ')).toEqual({ name: 'cron-fire', hit: 3 });
  });

  it('arms nothing when unset, empty, at hit 0 or malformed', () => {
    for (const value of [undefined, '', 'after-claim:0', 'after-claim:x', 'After Claim', 'a:1:2']) expect(parseFaultPoint(value), String(value)).toBeUndefined();
  });
});
