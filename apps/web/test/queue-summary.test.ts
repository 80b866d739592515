import { JOB_STATES, type JobState, type Quota, type QueueHealth } from '@execops/contract';
import { describe, expect, it } from 'vitest';
import { quotaPressure } from '../src/features/jobengine/quota-pressure.ts';
import { backlog, combinedThroughput, formatPercent, totalCounts } from '../src/features/jobengine/queue-summary.ts';
import { SummarySearchSchema, visibleQueues } from '../src/features/jobengine/summary-search.ts';

const M1 = '2026-01-01T10:00:00.000Z';
const M2 = '2026-01-01T10:01:00.000Z';

function queue(name: string, counts: Partial<Record<JobState, number>>, extra: Partial<QueueHealth> = {}): QueueHealth {
  return {
    queue: name,
    counts: { ...Object.fromEntries(JOB_STATES.map((state) => [state, 0])), ...counts } as Record<JobState, number>,
    oldestRunnableAgeMs: null,
    throughput: [],
    finishedLastHour: 0,
    failureRate: null,
    waitMs: { p50: null, p95: null },
    runMs: { p50: null, p95: null },
    activeWorkers: 0,
    paused: false,
    pausedAt: null,
    pausedReason: null,
    ...extra,
  };
}

describe('queue summary', () => {
  it('sums counts by state over queues', () => {
    const totals = totalCounts([queue('a', { queued: 2, failed: 1 }), queue('b', { queued: 3, running: 1 })]);
    expect(totals).toMatchObject({ queued: 5, failed: 1, running: 1, succeeded: 0 });
    expect(Object.keys(totals)).toHaveLength(JOB_STATES.length);
  });

  it('counts queued, scheduled and throttled jobs as backlog', () => {
    expect(backlog(queue('a', { queued: 1, scheduled: 2, throttled: 3, running: 4, blocked: 5 }))).toBe(6);
  });

  it('joins throughput by minute and derives the failure rate per minute', () => {
    const series = combinedThroughput([
      queue('a', {}, { throughput: [{ minute: M1, succeeded: 3, failed: 1 }, { minute: M2, succeeded: 0, failed: 0 }] }),
      queue('b', {}, { throughput: [{ minute: M1, succeeded: 0, failed: 4 }, { minute: M2, succeeded: 0, failed: 0 }] }),
    ]);
    expect(series.minutes).toEqual([Date.parse(M1) / 1000, Date.parse(M2) / 1000]);
    expect(series.succeeded).toEqual([3, 0]);
    expect(series.failed).toEqual([5, 0]);
    expect(series.failureRatePercent).toEqual([62.5, null]);
    expect([series.totalSucceeded, series.totalFailed]).toEqual([3, 5]);
  });

  it('prints rates as percentages', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(0.055)).toBe('5.5 %');
    expect(formatPercent(1 / 3)).toBe('33 %');
  });
});

describe('queue table search', () => {
  const queues = [
    queue('mail', { queued: 1 }, { failureRate: 0.5 }),
    queue('billing', { queued: 9 }, { failureRate: null }),
    queue('mailer-bulk', { queued: 4 }, { failureRate: 0.1 }),
  ];

  it('filters by name and sorts names A→Z by default', () => {
    const search = SummarySearchSchema.parse({ filter: 'MAIL' });
    expect(visibleQueues(queues, search).map((q) => q.queue)).toEqual(['mail', 'mailer-bulk']);
  });

  it('sorts measures worst first, missing values last, in either order', () => {
    expect(visibleQueues(queues, SummarySearchSchema.parse({ sort: 'backlog' })).map((q) => q.queue)).toEqual(['billing', 'mailer-bulk', 'mail']);
    expect(visibleQueues(queues, SummarySearchSchema.parse({ sort: 'failureRate' })).map((q) => q.queue)).toEqual(['mail', 'mailer-bulk', 'billing']);
    expect(visibleQueues(queues, SummarySearchSchema.parse({ sort: 'failureRate', order: 'asc' })).map((q) => q.queue)).toEqual([
      'mailer-bulk',
      'mail',
      'billing',
    ]);
  });

  it('drops unknown sorts and orders from the URL and reads numbers as text', () => {
    expect(SummarySearchSchema.parse({ sort: 'nope', order: 'sideways', filter: 42 })).toEqual({ filter: '42' });
  });
});

function quota(limits: Partial<Quota>, usage: Partial<Quota['usage']>): Quota {
  return {
    tenant: 'default',
    jobType: 'mail.send',
    maxActive: null,
    maxPerHour: null,
    burst: null,
    refillPerSecond: null,
    paused: false,
    createdAt: M1,
    updatedAt: M1,
    ...limits,
    usage: { active: 0, usedThisHour: 0, hourEndsAt: null, tokens: null, throttled: 0, ...usage },
  };
}

describe('quota pressure', () => {
  it('says nothing about a quota with headroom', () => {
    expect(quotaPressure(quota({ maxActive: 10, maxPerHour: 100, burst: 10, refillPerSecond: 1 }, { active: 7, usedThisHour: 79, tokens: 5 }))).toEqual([]);
  });

  it('flags limits reached or within 20 %, a pause and throttled jobs', () => {
    const signals = quotaPressure(
      quota({ paused: true, maxActive: 3, maxPerHour: 100, burst: 10, refillPerSecond: 1 }, { active: 3, usedThisHour: 80, tokens: 0.4, throttled: 7 }),
    );
    expect(signals.map((s) => [s.kind, s.level])).toEqual([
      ['paused', null],
      ['active', 'at'],
      ['hourly', 'near'],
      ['tokens', 'at'],
      ['throttled', null],
    ]);
    expect(signals.find((s) => s.kind === 'active')?.label).toBe('running 3 / 3 (at limit)');
  });

  it('treats a bucket with at most a fifth of its tokens left as near', () => {
    expect(quotaPressure(quota({ burst: 10, refillPerSecond: 1 }, { tokens: 2 })).map((s) => s.level)).toEqual(['near']);
  });
});
