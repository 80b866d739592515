import { DeadLetterEntryDetail, DeadLetterPage, DeadLetterStats, ErrorEnvelope } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, type AppFixture } from './app-fixture.ts';
import { deadLetterHelpers, PERMANENT } from './dead-letter-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

const { failJobs, entryIds } = deadLetterHelpers(() => fx);
const get = (url: string, tenant = 'default') => fx.app.inject({ url: `/api/v1${url}`, headers: { 'x-tenant': tenant } });

function expectError(res: { statusCode: number; json(): unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(ErrorEnvelope.parse(res.json()).error.code).toBe(code);
}

describe('GET /api/v1/dead-letter', () => {
  it('lists the entries of failed jobs newest first, page by page with the cursor', async () => {
    const jobIds = await failJobs('api.dlq.page', 5);
    const first = DeadLetterPage.parse((await get('/dead-letter?jobType=api.dlq.page&limit=2')).json());
    expect(first.items).toHaveLength(2);
    const second = DeadLetterPage.parse((await get(`/dead-letter?jobType=api.dlq.page&limit=2&cursor=${first.nextCursor}`)).json());
    const third = DeadLetterPage.parse((await get(`/dead-letter?jobType=api.dlq.page&limit=2&cursor=${second.nextCursor}`)).json());
    expect(third.nextCursor).toBeNull();
    const all = [...first.items, ...second.items, ...third.items];
    expect(new Set(all.map((e) => e.jobId))).toEqual(new Set(jobIds));
    const order = all.map((e) => [e.deadLetteredAt, e.id].join(' '));
    expect(order).toEqual([...order].sort().reverse());
    expect(all[0]).toMatchObject({ jobType: 'api.dlq.page', status: 'open', attempts: 1, error: PERMANENT, replayedJobIds: [], resolution: null });
    expect(all[0]?.clusterKey).toBe('bad_input: order <n> has no customer');
  });

  it('filters by status, class, retryable, cluster, time window and text', async () => {
    const [permanentJob] = await failJobs('api.dlq.filter', 1);
    const [timeoutJob] = await failJobs('api.dlq.filter', 1, { code: 'slow', message: 'took 30 s', class: 'timeout', retryable: true });
    const jobIdsOf = async (query: string) =>
      DeadLetterPage.parse((await get(`/dead-letter?jobType=api.dlq.filter&${query}`)).json()).items.map((e) => e.jobId);
    expect(await jobIdsOf('class=timeout')).toEqual([timeoutJob]);
    expect(new Set(await jobIdsOf('class=timeout,permanent'))).toEqual(new Set([timeoutJob, permanentJob]));
    expect(await jobIdsOf('retryable=false')).toEqual([permanentJob]);
    expect(await jobIdsOf(`cluster=${encodeURIComponent('slow: took <n> s')}`)).toEqual([timeoutJob]);
    expect(await jobIdsOf('text=TOOK')).toEqual([timeoutJob]);
    expect(await jobIdsOf(`text=${permanentJob!.slice(-12)}`)).toEqual([permanentJob]);
    expect(await jobIdsOf('status=resolved')).toEqual([]);
    expect(await jobIdsOf('deadLetteredAfter=2000-01-01T00:00:00Z&deadLetteredBefore=2001-01-01T00:00:00Z')).toEqual([]);
    expect(new Set(await jobIdsOf(`deadLetteredAfter=${new Date(Date.now() - 3600_000).toISOString()}`))).toEqual(new Set([timeoutJob, permanentJob]));
    expect(await jobIdsOf('text=api.dlq.filter')).toHaveLength(2);
    expect(await get('/dead-letter?jobType=api.dlq.filter', 'other-tenant').then((r) => r.json().items)).toEqual([]);
  });

  it('answers 400 for a bad filter or a forged cursor', async () => {
    expectError(await get('/dead-letter?status=lost'), 400, 'validation_failed');
    expectError(await get('/dead-letter?retryable=yes'), 400, 'validation_failed');
    expectError(await get('/dead-letter?limit=501'), 400, 'validation_failed');
    expectError(await get('/dead-letter?bogus=1'), 400, 'validation_failed');
    expectError(await get('/dead-letter?cursor=nonsense'), 400, 'invalid_cursor');
    const forged = Buffer.from('2026-02-31T00:00:00.000000Z|0190a5c4-0000-7000-8000-000000000000').toString('base64url');
    expectError(await get(`/dead-letter?cursor=${forged}`), 400, 'invalid_cursor');
  });
});

describe('GET /api/v1/dead-letter/:id', () => {
  it('shows the entry with the job’s payload and attempts', async () => {
    const [jobId] = await failJobs('api.dlq.detail', 1);
    const [entryId] = await entryIds('api.dlq.detail');
    const detail = DeadLetterEntryDetail.parse((await get(`/dead-letter/${entryId}`)).json());
    expect(detail).toMatchObject({ id: entryId, jobId, payload: { n: 0 }, replays: [] });
    expect(detail.attemptHistory).toMatchObject([{ attempt: 1, outcome: 'failed', error: PERMANENT }]);
    expect(detail.firstFailedAt).toBe(detail.attemptHistory[0]?.endedAt);
  });

  it('keeps the entry when the job is pruned: no payload, no attempts', async () => {
    const [jobId] = await failJobs('api.dlq.pruned', 1);
    const [entryId] = await entryIds('api.dlq.pruned');
    await fx.db.pool.query('DELETE FROM jobs WHERE id = $1', [jobId]);
    expect(DeadLetterEntryDetail.parse((await get(`/dead-letter/${entryId}`)).json())).toMatchObject({ jobId, payload: null, attemptHistory: [] });
  });

  it('answers 404 for an unknown entry or another tenant’s, 400 for a malformed id', async () => {
    await failJobs('api.dlq.missing', 1);
    const [entryId] = await entryIds('api.dlq.missing');
    expectError(await get(`/dead-letter/${entryId}`, 'other-tenant'), 404, 'not_found');
    expectError(await get('/dead-letter/0190a5c4-0000-7000-8000-000000000000'), 404, 'not_found');
    expectError(await get('/dead-letter/nope'), 400, 'validation_failed');
  });
});

describe('GET /api/v1/dead-letter/stats', () => {
  it('counts open entries, clusters and job types, with 24 hourly buckets', async () => {
    const tenant = 'dlq-stats';
    const empty = DeadLetterStats.parse((await get('/dead-letter/stats', tenant)).json());
    expect(empty).toMatchObject({ open: 0, oldestOpenAt: null, retryableOpen: 0, mostCommonError: null, topClusters: [], byJobType: [] });
    expect(empty.last24h).toHaveLength(24);
    expect(empty.last24h.every((b) => b.count === 0)).toBe(true);

    await failJobs('api.dlq.stats-a', 3, { code: 'http_500', message: 'GET /orders/12 answered 500', class: 'transient', retryable: true }, tenant);
    await failJobs('api.dlq.stats-b', 1, { code: 'http_500', message: 'GET /orders/99 answered 500', class: 'transient', retryable: true }, tenant);
    await failJobs('api.dlq.stats-b', 2, PERMANENT, tenant);
    const stats = DeadLetterStats.parse((await get('/dead-letter/stats', tenant)).json());
    expect(stats).toMatchObject({ open: 6, retryableOpen: 4 });
    expect(stats.mostCommonError).toMatchObject({
      clusterKey: 'http_500: GET /orders/<n> answered <n>',
      code: 'http_500',
      sampleMessage: 'GET /orders/99 answered 500',
      errorClass: 'transient',
      retryable: true,
      jobTypes: ['api.dlq.stats-a', 'api.dlq.stats-b'],
      open: 4,
    });
    expect(stats.topClusters.map((c) => [c.clusterKey, c.open])).toEqual([
      ['http_500: GET /orders/<n> answered <n>', 4],
      ['bad_input: order <n> has no customer', 2],
    ]);
    expect(stats.byJobType).toEqual([
      { jobType: 'api.dlq.stats-a', open: 3, total: 3 },
      { jobType: 'api.dlq.stats-b', open: 3, total: 3 },
    ]);
    expect(stats.oldestOpenAt).not.toBeNull();
    expect(stats.last24h).toHaveLength(24);
    expect(stats.last24h.reduce((sum, b) => sum + b.count, 0)).toBe(6);
    const hours = stats.last24h.map((b) => Date.parse(b.hour));
    expect(hours.slice(1).every((h, i) => h - hours[i]! === 3600_000)).toBe(true);
  });
});
