import { AuditPage, ErrorEnvelope, JobDetail, JobPage } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countJobs, createAppFixture, PAYLOAD_LIMIT, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

function enqueue(body: unknown, headers: Record<string, string> = {}) {
  return fx.app.inject({ method: 'POST', url: '/api/v1/jobs', payload: body as object, headers });
}

describe('POST /api/v1/jobs', () => {
  it('enqueues a job and returns it with 201', async () => {
    const res = await enqueue({ jobType: 'report.build', payload: { n: 1 }, priority: 3, tags: ['a'] });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.created).toBe(true);
    expect(body.job).toMatchObject({ jobType: 'report.build', queue: 'report.build', priority: 3, state: 'queued', tags: ['a'] });
    expect(res.headers['x-trace-id']).toMatch(/^[0-9a-f]{16}$/);
  });

  it('returns the unfinished job holding an idempotency key with 200', async () => {
    const first = await enqueue({ jobType: 'report.idem', idempotencyKey: 'k-1' });
    const second = await enqueue({ jobType: 'report.idem', idempotencyKey: 'k-1' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().job.id).toBe(first.json().job.id);
    expect(second.json().created).toBe(false);
  });

  it('enqueues a batch in one call', async () => {
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/v1/jobs/batch',
      payload: { jobs: [{ jobType: 'batch.a' }, { jobType: 'batch.b', queue: 'q-b' }] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().results.map((r: { job: { queue: string } }) => r.job.queue)).toEqual(['batch.a', 'q-b']);
  });

  describe('rejects bad input with the error envelope and writes nothing', () => {
    const cases: Array<[string, () => ReturnType<typeof enqueue>, number, string]> = [
      ['malformed JSON', () => fx.app.inject({ method: 'POST', url: '/api/v1/jobs', body: '{"jobType":', headers: { 'content-type': 'application/json' } }), 400, 'bad_request'],
      ['an unknown field', () => enqueue({ jobType: 'x.y', colour: 'red' }), 400, 'validation_failed'],
      ['a wrong type', () => enqueue({ jobType: 'x.y', priority: 'high' }), 400, 'validation_failed'],
      ['a missing jobType', () => enqueue({ payload: {} }), 400, 'validation_failed'],
      ['a bad jobType', () => enqueue({ jobType: '1 bad type' }), 400, 'validation_failed'],
      ['an oversized payload', () => enqueue({ jobType: 'x.y', payload: { blob: 'x'.repeat(PAYLOAD_LIMIT) } }), 413, 'payload_too_large'],
      ['a body over the HTTP limit', () => enqueue({ jobType: 'x.y', payload: { blob: 'x'.repeat(PAYLOAD_LIMIT * 5) } }), 413, 'payload_too_large'],
      ['a wrong content type', () => fx.app.inject({ method: 'POST', url: '/api/v1/jobs', body: 'jobType=x', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type'],
      ['a bad tenant header', () => enqueue({ jobType: 'x.y' }, { 'x-tenant': 'Bad Tenant!' }), 400, 'bad_request'],
      ['an empty batch', () => fx.app.inject({ method: 'POST', url: '/api/v1/jobs/batch', payload: { jobs: [] } }), 400, 'validation_failed'],
    ];
    it.each(cases)('%s', async (_name, send, status, code) => {
      const before = await countJobs(fx.db);
      const res = await send();
      expect(res.statusCode).toBe(status);
      const envelope = ErrorEnvelope.parse(res.json());
      expect(envelope.error.code).toBe(code);
      expect(envelope.error.message.length).toBeGreaterThan(5);
      expect(envelope.error.traceId).toBe(res.headers['x-trace-id']);
      expect(await countJobs(fx.db)).toBe(before);
    });
  });
});

describe('GET /api/v1/jobs', () => {
  it('filters by state, type and queue and pages with a cursor', async () => {
    for (let i = 0; i < 5; i++) await enqueue({ jobType: 'list.page', queue: 'list-q' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/jobs?jobType=list.page&queue=list-q&state=queued&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = JobPage.parse((await fx.app.inject({ url })).json());
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((j) => j.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('sorts by priority in either order and pages on (priority, id) through ties', async () => {
    const priorities = [3, -2, 3, 0, -2, 3];
    const ids: string[] = [];
    for (const priority of priorities) ids.push((await enqueue({ jobType: 'list.sorted', priority })).json().job.id);
    const listAll = async (order: 'asc' | 'desc') => {
      const seen: Array<{ id: string; priority: number }> = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/jobs?jobType=list.sorted&sort=priority&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = JobPage.parse((await fx.app.inject({ url })).json());
        seen.push(...page.items.map(({ id, priority }) => ({ id, priority })));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    const byPriorityThenId = ids.map((id, i) => ({ id, priority: priorities[i]! })).sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : 1));
    expect(await listAll('asc')).toEqual(byPriorityThenId);
    expect(await listAll('desc')).toEqual([...byPriorityThenId].reverse());
  });

  it('answers 400 invalid_cursor for a cursor made for another sort or order', async () => {
    for (let i = 0; i < 3; i++) await enqueue({ jobType: 'list.cursor-sort', priority: i });
    const first = JobPage.parse((await fx.app.inject({ url: '/api/v1/jobs?jobType=list.cursor-sort&sort=priority&limit=1' })).json());
    expect(first.nextCursor).not.toBeNull();
    for (const query of ['sort=priority&order=asc', 'sort=finishedAt', '']) {
      const res = await fx.app.inject({ url: `/api/v1/jobs?jobType=list.cursor-sort&${query}&cursor=${first.nextCursor}` });
      expect(res.statusCode).toBe(400);
      expect(ErrorEnvelope.parse(res.json()).error.code).toBe('invalid_cursor');
    }
    const same = await fx.app.inject({ url: `/api/v1/jobs?jobType=list.cursor-sort&sort=priority&order=desc&cursor=${first.nextCursor}` });
    expect(same.statusCode).toBe(200);
  });

  it('accepts several states separated by commas', async () => {
    const res = await fx.app.inject({ url: '/api/v1/jobs?state=queued,running&limit=500' });
    expect(res.statusCode).toBe(200);
    expect(JobPage.parse(res.json()).items.every((j) => j.state === 'queued' || j.state === 'running')).toBe(true);
  });

  it.each([
    ['a bad cursor', '/api/v1/jobs?cursor=not-a-cursor', 'invalid_cursor'],
    ['an unknown state', '/api/v1/jobs?state=sleeping', 'validation_failed'],
    ['a limit over 500', '/api/v1/jobs?limit=501', 'validation_failed'],
    ['an unknown parameter', '/api/v1/jobs?colour=red', 'validation_failed'],
    ['a bad time', '/api/v1/jobs?createdAfter=yesterday', 'validation_failed'],
    ['an unknown sort', '/api/v1/jobs?sort=state', 'validation_failed'],
    ['an unknown order', '/api/v1/jobs?order=up', 'validation_failed'],
  ])('rejects %s with 400', async (_name, url, code) => {
    const res = await fx.app.inject({ url });
    expect(res.statusCode).toBe(400);
    expect(ErrorEnvelope.parse(res.json()).error.code).toBe(code);
  });
});

describe('GET /api/v1/jobs/:id and cancel', () => {
  it('returns the job with payload and attempts, scoped to the tenant', async () => {
    const created = (await enqueue({ jobType: 'detail.one', payload: { hello: 'world' } })).json();
    const res = await fx.app.inject({ url: `/api/v1/jobs/${created.job.id}` });
    expect(res.statusCode).toBe(200);
    const job = JobDetail.parse(res.json());
    expect(job.payload).toEqual({ hello: 'world' });
    expect(job.attempts).toEqual([]);
    const other = await fx.app.inject({ url: `/api/v1/jobs/${created.job.id}`, headers: { 'x-tenant': 'other' } });
    expect(other.statusCode).toBe(404);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await fx.app.inject({ url: '/api/v1/jobs/0190a0c0-0000-7000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(ErrorEnvelope.parse(missing.json()).error.code).toBe('not_found');
    const malformed = await fx.app.inject({ url: '/api/v1/jobs/42' });
    expect(malformed.statusCode).toBe(400);
  });

  it('cancels a queued job once, then answers 409', async () => {
    const created = (await enqueue({ jobType: 'cancel.me' })).json();
    const url = `/api/v1/jobs/${created.job.id}/cancel`;
    const first = await fx.app.inject({ method: 'POST', url, headers: { 'x-operator-reason': 'test', 'content-type': 'application/json' } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'canceled', job: { state: 'canceled' } });
    const second = await fx.app.inject({ method: 'POST', url, headers: { 'x-operator-reason': 'again' } });
    expect(second.statusCode).toBe(409);
    expect(ErrorEnvelope.parse(second.json()).error.code).toBe('conflict');
    const audit = AuditPage.parse((await fx.app.inject({ url: `/api/v1/audit?targetType=job&targetId=${created.job.id}` })).json());
    expect(audit.items).toMatchObject([{ action: 'job.cancel', reason: 'test', actor: 'admin', ticket: null }]);
  });

  it('requires a reason and records the ticket', async () => {
    const created = (await enqueue({ jobType: 'cancel.why' })).json();
    const url = `/api/v1/jobs/${created.job.id}/cancel`;
    for (const headers of [{}, { 'x-operator-reason': '   ' }, { 'x-operator-reason': 'ok', 'x-operator-ticket': 't'.repeat(129) }]) {
      const res = await fx.app.inject({ method: 'POST', url, headers });
      expect(res.statusCode).toBe(400);
      expect(ErrorEnvelope.parse(res.json()).error.code).toBe('validation_failed');
    }
    expect(JobDetail.parse((await fx.app.inject({ url: `/api/v1/jobs/${created.job.id}` })).json()).state).toBe('queued');
    const ok = await fx.app.inject({ method: 'POST', url, headers: { 'x-operator-reason': 'duplicate', 'x-operator-ticket': 'OPS-7' } });
    expect(ok.statusCode).toBe(200);
    const audit = AuditPage.parse((await fx.app.inject({ url: `/api/v1/audit?targetId=${created.job.id}` })).json());
    expect(audit.items[0]).toMatchObject({ reason: 'duplicate', ticket: 'OPS-7', before: { state: 'queued' } });
  });

  it('rejects a reason over 256 characters', async () => {
    const created = (await enqueue({ jobType: 'cancel.long' })).json();
    const res = await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${created.job.id}/cancel`, headers: { 'x-operator-reason': 'r'.repeat(257) } });
    expect(res.statusCode).toBe(400);
    const job = JobDetail.parse((await fx.app.inject({ url: `/api/v1/jobs/${created.job.id}` })).json());
    expect(job.state).toBe('queued');
  });
});
