import type { DeadLetterCluster, DeadLetterStats } from '@execops/contract';
import { describe, expect, it } from 'vitest';
import {
  bulkOutcomeSummary,
  clusterReplayFilter,
  DeadLetterOverviewSearchSchema,
  hasNoEntries,
  hourlySeries,
  oldestOpenAgeMs,
  openEntriesOfCluster,
  replayDryRunSummary,
  visibleClusters,
} from '../src/features/dead-letter/dead-letter-overview.ts';

const ID = '00000000-0000-4000-8000-000000000001';

function cluster(code: string, extra: Partial<DeadLetterCluster> = {}): DeadLetterCluster {
  return {
    clusterKey: `${code}: message`,
    code,
    sampleMessage: `${code} went wrong`,
    errorClass: 'permanent',
    retryable: false,
    jobTypes: ['mail.send'],
    open: 1,
    firstAt: '2026-01-01T10:00:00.000Z',
    lastAt: '2026-01-01T11:00:00.000Z',
    ...extra,
  };
}

function stats(extra: Partial<DeadLetterStats> = {}): DeadLetterStats {
  return {
    generatedAt: '2026-01-01T12:00:00.000Z',
    open: 0,
    oldestOpenAt: null,
    retryableOpen: 0,
    mostCommonError: null,
    topClusters: [],
    byJobType: [],
    last24h: [],
    ...extra,
  };
}

describe('dead-letter overview', () => {
  it('measures the oldest open entry on the server clock, and nothing when nothing is open', () => {
    expect(oldestOpenAgeMs(stats({ oldestOpenAt: '2026-01-01T10:30:00.000Z' }))).toBe(90 * 60_000);
    expect(oldestOpenAgeMs(stats())).toBeNull();
  });

  it('is empty only when no job type has any entry, open or not', () => {
    expect(hasNoEntries(stats())).toBe(true);
    expect(hasNoEntries(stats({ byJobType: [{ jobType: 'a', open: 0, total: 3 }] }))).toBe(false);
  });

  it('turns the hourly counts into chart points and their total', () => {
    const series = hourlySeries([
      { hour: '2026-01-01T10:00:00.000Z', count: 2 },
      { hour: '2026-01-01T11:00:00.000Z', count: 0 },
      { hour: '2026-01-01T12:00:00.000Z', count: 5 },
    ]);
    const ten = Date.UTC(2026, 0, 1, 10) / 1000;
    expect(series).toEqual({ hours: [ten, ten + 3600, ten + 7200], counts: [2, 0, 5], total: 7 });
  });

  it('links a cluster to its open entries and replays only those', () => {
    expect(openEntriesOfCluster('db_timeout: took <n> ms')).toEqual({ status: 'open', cluster: 'db_timeout: took <n> ms' });
    expect(clusterReplayFilter('db_timeout: took <n> ms')).toEqual({ cluster: 'db_timeout: took <n> ms', status: ['open'] });
  });

  it('filters clusters by code, message, class or job type, any case', () => {
    const clusters = [cluster('db_timeout', { errorClass: 'timeout' }), cluster('http_404', { jobTypes: ['Export.Nightly'] })];
    expect(visibleClusters(clusters, undefined)).toHaveLength(2);
    expect(visibleClusters(clusters, '  ')).toHaveLength(2);
    expect(visibleClusters(clusters, 'TIMEOUT').map((c) => c.code)).toEqual(['db_timeout']);
    expect(visibleClusters(clusters, 'export.nightly').map((c) => c.code)).toEqual(['http_404']);
    expect(visibleClusters(clusters, '404 went').map((c) => c.code)).toEqual(['http_404']);
    expect(visibleClusters(clusters, 'nothing')).toEqual([]);
  });

  it('reads the filter from the URL as text, numbers included', () => {
    expect(DeadLetterOverviewSearchSchema.parse({ filter: 404 })).toEqual({ filter: '404' });
    expect(DeadLetterOverviewSearchSchema.parse({ filter: '  ' })).toEqual({ filter: undefined });
  });

  it('says what a cluster replay will do before the reason is asked', () => {
    expect(replayDryRunSummary({ selected: 3, matched: 3 })).toBe('3 entries of this cluster will be replayed as new jobs.');
    expect(replayDryRunSummary({ selected: 1, matched: 1 })).toBe('1 entry of this cluster will be replayed as new jobs.');
    expect(replayDryRunSummary({ selected: 4, matched: 3 })).toBe('3 entries of this cluster will be replayed as new jobs. 1 entry can no longer be replayed.');
    expect(replayDryRunSummary({ selected: 0, matched: 0 })).toBe('No open entry is left in this cluster: nothing to replay.');
  });

  it('counts the outcomes of a bulk action', () => {
    expect(bulkOutcomeSummary([])).toBe('No entry was changed.');
    expect(
      bulkOutcomeSummary([
        { id: ID, outcome: 'replayed', status: 'replayed', newJobId: ID },
        { id: ID, outcome: 'replayed', status: 'replayed', newJobId: ID },
        { id: ID, outcome: 'not_applicable', status: 'resolved' },
      ]),
    ).toBe('2 replayed, 1 left alone (already resolved)');
  });
});
