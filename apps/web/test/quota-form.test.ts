import type { Quota } from '@execops/contract';
import { describe, expect, it } from 'vitest';
import { draftOf, EMPTY_DRAFT, toCreateRequest, toUpdateRequest, type QuotaDraft } from '../src/features/quotas/quota-form.ts';
import { QuotasSearchSchema } from '../src/features/quotas/quotas-search.ts';

const draft = (limits: Partial<QuotaDraft['limits']>, jobType = 'report.render'): QuotaDraft => ({
  ...EMPTY_DRAFT,
  jobType,
  limits: { ...EMPTY_DRAFT.limits, ...limits },
});

describe('quota form', () => {
  it('reads empty limits as no limit and text as numbers', () => {
    expect(toCreateRequest(draft({ maxActive: ' 3 ', refillPerSecond: '0.5', burst: '10' }, ' report.render '))).toEqual({
      ok: true,
      value: { jobType: 'report.render', paused: false, maxActive: 3, maxPerHour: null, burst: 10, refillPerSecond: 0.5 },
    });
  });

  it('names the field of each refusal with a plain message', () => {
    expect(toCreateRequest(draft({ maxActive: '-1', maxPerHour: '1.5', refillPerSecond: 'fast' }, '9x'))).toEqual({
      ok: false,
      errors: {
        jobType: 'jobType must be a job type or "*"',
        maxActive: 'At least 0',
        maxPerHour: 'A whole number, or empty for no limit',
        refillPerSecond: 'A number, or empty for no limit',
      },
    });
    expect(toUpdateRequest(draft({ refillPerSecond: '0' }))).toMatchObject({ ok: false, errors: { refillPerSecond: 'Greater than 0' } });
  });

  it('refuses half a token bucket, on the burst field', () => {
    expect(toUpdateRequest(draft({ burst: '5' }))).toEqual({
      ok: false,
      errors: { burst: 'burst and refillPerSecond go together (a token bucket needs both)' },
    });
  });

  it('accepts * for every job type and round-trips an existing quota', () => {
    expect(toCreateRequest(draft({}, '*'))).toMatchObject({ ok: true, value: { jobType: '*' } });
    const quota = { jobType: 'a.b', maxActive: 2, maxPerHour: null, burst: 4, refillPerSecond: 0.25, paused: true } as Quota;
    expect(toUpdateRequest(draftOf(quota))).toEqual({ ok: true, value: { maxActive: 2, maxPerHour: null, burst: 4, refillPerSecond: 0.25 } });
  });

  it('keeps the selected job type as text in the URL', () => {
    expect(QuotasSearchSchema.parse({ jobType: 42, filter: '  ' })).toEqual({ jobType: '42' });
  });
});
