import { describe, expect, it } from 'vitest';
import { ListJobsQuery } from '../src/index.ts';
import { queryInt } from '../src/query-int.ts';

describe('queryInt', () => {
  const limit = queryInt(1, 500);

  it.each([
    ['16', 16],
    ['1', 1],
    ['500', 500],
    [16, 16],
  ])('reads %j as %i', (value, expected) => {
    expect(limit.parse(value)).toBe(expected);
  });

  // z.coerce.number() took every one of these: "0x10" as 16, "1e1" as 10, " 16" as 16.
  it.each(['0x10', '1e1', ' 16', '16 ', '1.5', '', 'abc', '+5'])('refuses %j as not a decimal integer', (value) => {
    const result = limit.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('expected a decimal integer');
  });

  it.each(['0', '501', '-1'])('refuses %j outside its bounds', (value) => {
    expect(limit.safeParse(value).success).toBe(false);
  });

  it('keeps the list default when the parameter is absent', () => {
    expect(ListJobsQuery.parse({}).limit).toBe(50);
    expect(ListJobsQuery.safeParse({ limit: '0x10' }).success).toBe(false);
  });
});
