import { describe, expect, it } from 'vitest';
import { hasFilters, JobsSearchSchema, selectedStates, toListQuery } from '../src/features/jobs/jobs-search.ts';

describe('jobs search params', () => {
  it('coerces numbers and booleans to strings (the router may hand them over)', () => {
    expect(JobsSearchSchema.parse({ text: 123, jobType: true, cursor: 42 })).toEqual({
      text: '123',
      jobType: 'true',
      cursor: '42',
    });
  });

  it('keeps known states only, once each', () => {
    const search = JobsSearchSchema.parse({ state: 'failed, bogus,queued,failed' });
    expect(search.state).toBe('failed,queued');
    expect(selectedStates(search)).toEqual(['failed', 'queued']);
  });

  it('drops blank values and dates that are not ISO instants', () => {
    expect(JobsSearchSchema.parse({ text: '  ', createdAfter: 'yesterday', createdBefore: '2025-01-01T00:00:00Z' })).toEqual({
      createdBefore: '2025-01-01T00:00:00Z',
    });
  });

  it('keeps a known sort and order and drops anything else', () => {
    expect(JobsSearchSchema.parse({ sort: 'priority', order: 'asc' })).toEqual({ sort: 'priority', order: 'asc' });
    expect(JobsSearchSchema.parse({ sort: 'state', order: 1 })).toEqual({});
    expect(toListQuery(JobsSearchSchema.parse({ sort: 'finishedAt', jobType: 'x' }))).toMatchObject({ sort: 'finishedAt', jobType: 'x' });
  });

  it('does not count the cursor, sort or order as a filter', () => {
    expect(hasFilters({ cursor: 'abc', sort: 'runAt', order: 'asc' })).toBe(false);
    expect(hasFilters({ queue: 'email' })).toBe(true);
  });
});
