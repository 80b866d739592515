import { ErrorEnvelope, JobEventsPage, StreamEvent } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, createAppFixture, listenLocally, type AppFixture } from './app-fixture.ts';
import { collectEvents } from './sse-client.ts';

let fx: AppFixture;
let base: string;
beforeAll(async () => {
  fx = await createAppFixture();
  base = await listenLocally(fx);
});
afterAll(async () => fx.close());

const auth = () => adminAuth(fx);

interface Received {
  id: string;
  event: StreamEvent;
  block: string;
}

/** Opens the event feed and collects events until `count` arrived (or the hang guard passed). */
async function collect(query: string, count: number, headers: Record<string, string> = {}, act?: () => Promise<void>): Promise<Received[]> {
  const received = await collectEvents(`${base}/api/v1/events?${query}`, count, { ...auth(), ...headers }, act);
  return received.map(({ id, data, block }) => ({ id, event: StreamEvent.parse(data), block }));
}

const enqueue = (jobType: string, tenant = 'default') =>
  fx.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: { 'x-tenant': tenant }, payload: { jobType } });

describe('GET /api/v1/events', () => {
  it('streams the tenant’s job events as they commit, and no other tenant’s', async () => {
    const received = await collect('topics=jobs', 2, {}, async () => {
      await enqueue('sse.other', 'other');
      await enqueue('sse.one');
      await enqueue('sse.two');
    });
    expect(received.map((r) => [r.event.type, r.event.tenant])).toEqual([
      ['job.enqueued', 'default'],
      ['job.enqueued', 'default'],
    ]);
    expect(received[0]?.event.data).toMatchObject({ jobType: 'sse.one', state: 'queued' });
  });

  it('resumes after Last-Event-ID with what was missed', async () => {
    const [first] = await collect('topics=jobs', 1, {}, async () => {
      await enqueue('sse.resume-1');
    });
    await enqueue('sse.resume-2');
    await enqueue('sse.resume-3');
    const missed = await collect('topics=jobs', 2, { 'last-event-id': first!.id });
    expect(missed.map((r) => (r.event.data as { jobType: string }).jobType)).toEqual(['sse.resume-2', 'sse.resume-3']);
  });

  it('resumes after ?lastEventId= too, for an EventSource reopened by the page', async () => {
    const [first] = await collect('topics=jobs', 1, {}, async () => {
      await enqueue('sse.query-1');
    });
    await enqueue('sse.query-2');
    const missed = await collect(`topics=jobs&lastEventId=${encodeURIComponent(first!.id)}`, 1);
    expect(missed.map((r) => (r.event.data as { jobType: string }).jobType)).toEqual(['sse.query-2']);
  });

  it('sends events without an event: line, so every one reaches onmessage with its type in the data', async () => {
    const received = await collect('topics=jobs', 2, {}, async () => {
      const id = (await enqueue('sse.unnamed')).json().job.id as string;
      await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/cancel`, headers: { 'x-operator-reason': 'sse test' } });
    });
    expect(received.map((r) => r.event.type)).toEqual(['job.enqueued', 'job.canceled']);
    for (const { block } of received) expect(block.split('\n').map((line) => line.slice(0, line.indexOf(':')))).toEqual(['id', 'data']);
  });

  it('narrows a topic to one subject', async () => {
    const target = (await enqueue('sse.subject')).json().job.id as string;
    const received = await collect(`topics=jobs:${target}`, 1, {}, async () => {
      await enqueue('sse.noise');
      await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${target}/cancel`, headers: { 'x-operator-reason': 'sse test' } });
    });
    expect(received.map((r) => [r.event.type, r.event.subjectId])).toEqual([['job.canceled', target]]);
  });

  it('rejects bad topics and tenants with 400', async () => {
    for (const query of ['topics=', 'topics=Jobs!', 'topics=jobs&tenant=Bad Tenant']) {
      const res = await fetch(`${base}/api/v1/events?${query}`, { headers: auth() });
      expect(res.status).toBe(400);
      ErrorEnvelope.parse(await res.json());
    }
  });

  it('names an unknown cursor invalid_cursor, from the header or the query', async () => {
    for (const [query, headers] of [
      ['topics=jobs', { 'last-event-id': 'yesterday' }],
      ['topics=jobs&lastEventId=yesterday', {}],
    ] as const) {
      const res = await fetch(`${base}/api/v1/events?${query}`, { headers: { ...auth(), ...headers } });
      expect(res.status).toBe(400);
      expect(ErrorEnvelope.parse(await res.json()).error.code).toBe('invalid_cursor');
    }
  });
});

describe('GET /api/v1/jobs/:id/events', () => {
  it('returns the job timeline oldest first, and 404 for another tenant', async () => {
    const id = (await enqueue('sse.timeline')).json().job.id as string;
    await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/cancel`, headers: { 'x-operator-reason': 'timeline' } });
    const res = await fx.app.inject({ url: `/api/v1/jobs/${id}/events` });
    expect(JobEventsPage.parse(res.json()).items.map((e) => e.type)).toEqual(['job.enqueued', 'job.canceled']);
    const other = await fx.app.inject({ url: `/api/v1/jobs/${id}/events`, headers: { 'x-tenant': 'other' } });
    expect(other.statusCode).toBe(404);
  });
});
