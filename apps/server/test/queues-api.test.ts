import { ErrorEnvelope, QueueHealthReport, QueuePause } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

const reason = { 'x-operator-reason': 'maintenance window', 'x-operator-ticket': 'CHG-9' };

describe('POST /api/v1/queues/:queue/pause|resume', () => {
  it('pauses and resumes with reason, visible in health and audit', async () => {
    const paused = await fx.app.inject({ method: 'POST', url: '/api/v1/queues/exports/pause', headers: reason });
    expect(QueuePause.parse(paused.json())).toMatchObject({ queue: 'exports', paused: true, pausedReason: 'maintenance window' });
    const health = QueueHealthReport.parse((await fx.app.inject({ url: '/api/v1/queues/health' })).json());
    expect(health.queues.find((q) => q.queue === 'exports')?.paused).toBe(true);
    const resumed = await fx.app.inject({ method: 'POST', url: '/api/v1/queues/exports/resume', headers: reason });
    expect(QueuePause.parse(resumed.json()).paused).toBe(false);
    const audit = (await fx.app.inject({ url: '/api/v1/audit?targetType=queue&targetId=exports' })).json();
    expect(audit.items.map((e: { action: string; ticket: string }) => [e.action, e.ticket])).toEqual([
      ['queue.resume', 'CHG-9'],
      ['queue.pause', 'CHG-9'],
    ]);
  });

  it('answers 400 without a reason or for a bad queue name, 409 for a repeated pause', async () => {
    const noReason = await fx.app.inject({ method: 'POST', url: '/api/v1/queues/q1/pause' });
    expect(noReason.statusCode).toBe(400);
    const badName = await fx.app.inject({ method: 'POST', url: '/api/v1/queues/-bad!/pause', headers: reason });
    expect(badName.statusCode).toBe(400);
    expect((await fx.app.inject({ method: 'POST', url: '/api/v1/queues/q1/pause', headers: reason })).statusCode).toBe(200);
    const again = await fx.app.inject({ method: 'POST', url: '/api/v1/queues/q1/pause', headers: reason });
    expect(again.statusCode).toBe(409);
    expect(ErrorEnvelope.parse(again.json()).error.code).toBe('conflict');
    const notPaused = await fx.app.inject({ method: 'POST', url: '/api/v1/queues/q2/resume', headers: reason });
    expect(notPaused.statusCode).toBe(409);
  });
});
