import { ErrorEnvelope, QueueHealthReport } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

describe('GET /api/v1/queues/health', () => {
  it('reports the queues of the tenant only', async () => {
    await fx.app.inject({ method: 'POST', url: '/api/v1/jobs', payload: { jobType: 'qh.mine', queue: 'mine' } });
    await fx.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: { 'x-tenant': 'other' }, payload: { jobType: 'qh.theirs', queue: 'theirs' } });
    const report = QueueHealthReport.parse((await fx.app.inject({ url: '/api/v1/queues/health' })).json());
    expect(report.queues.map((q) => q.queue)).toEqual(['mine']);
    expect(report.queues[0]?.counts.queued).toBe(1);
  });

  it('answers 400 for a bad tenant', async () => {
    const res = await fx.app.inject({ url: '/api/v1/queues/health', headers: { 'x-tenant': 'Not OK' } });
    expect(res.statusCode).toBe(400);
    expect(ErrorEnvelope.parse(res.json()).error.code).toBe('bad_request');
  });
});
