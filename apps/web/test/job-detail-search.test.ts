import { describe, expect, it } from 'vitest';
import { atLeastLevel, JobDetailSearchSchema } from '../src/features/job-detail/job-detail-search.ts';
import { readOptionalPriority, readPriority } from '../src/features/job-detail/priority-input.ts';

describe('job detail search params', () => {
  it('keeps a known tab and level, and drops unknown ones instead of failing', () => {
    expect(JobDetailSearchSchema.parse({ tab: 'logs', level: 'warn' })).toEqual({ tab: 'logs', level: 'warn' });
    expect(JobDetailSearchSchema.parse({ tab: 'nonsense', level: 'loud' })).toEqual({});
  });

  it('reads a numeric-looking log search as text', () => {
    expect(JobDetailSearchSchema.parse({ q: 404 })).toEqual({ q: '404' });
    expect(JobDetailSearchSchema.parse({ q: '   ' })).toEqual({});
  });

  it('shows a level and every more severe one', () => {
    expect(atLeastLevel('error', 'warn')).toBe(true);
    expect(atLeastLevel('warn', 'warn')).toBe(true);
    expect(atLeastLevel('info', 'warn')).toBe(false);
    expect(atLeastLevel('debug', undefined)).toBe(true);
  });
});

describe('priority input', () => {
  it('accepts whole numbers within the API bounds', () => {
    expect(readPriority(-1000)).toEqual({ priority: -1000 });
    expect(readPriority(' 42 ')).toEqual({ priority: 42 });
  });

  it('says why anything else is not a priority', () => {
    expect(readPriority('')).toEqual({ error: 'Enter a priority.' });
    expect(readPriority(1001)).toHaveProperty('error');
    expect(readPriority(1.5)).toHaveProperty('error');
    expect(readPriority('abc')).toHaveProperty('error');
  });

  it('leaves an optional priority blank for the server default, and checks it otherwise', () => {
    expect(readOptionalPriority('')).toEqual({ priority: undefined });
    expect(readOptionalPriority(-5)).toEqual({ priority: -5 });
    expect(readOptionalPriority(1001)).toHaveProperty('error');
  });
});
