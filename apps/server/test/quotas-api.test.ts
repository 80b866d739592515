import { ErrorEnvelope, Quota, QuotaList, QuotaSnapshot } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

const reason = { 'x-operator-reason': 'protect the upstream', 'x-operator-ticket': 'CAP-3' };

function expectError(res: { statusCode: number; json(): unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(ErrorEnvelope.parse(res.json()).error.code).toBe(code);
}

describe('/api/v1/quotas', () => {
  it('creates, lists with usage, updates, pauses, resumes and deletes, each audited', async () => {
    const created = await fx.app.inject({ method: 'POST', url: '/api/v1/quotas', headers: reason, payload: { jobType: 'export.csv', maxActive: 2, burst: 10, refillPerSecond: 0.5 } });
    expect(created.statusCode).toBe(201);
    expect(Quota.parse(created.json())).toMatchObject({ jobType: 'export.csv', maxActive: 2, burst: 10, paused: false, usage: { active: 0, tokens: 10 } });

    await fx.app.inject({ method: 'POST', url: '/api/v1/jobs', payload: { jobType: 'export.csv' } });
    const list = QuotaList.parse((await fx.app.inject({ url: '/api/v1/quotas' })).json());
    expect(list.items.map((q) => q.jobType)).toEqual(['export.csv']);

    const url = `/api/v1/quotas/${encodeURIComponent('export.csv')}`;
    const updated = await fx.app.inject({ method: 'PUT', url, headers: reason, payload: { maxActive: 5, maxPerHour: 100 } });
    expect(Quota.parse(updated.json())).toMatchObject({ maxActive: 5, maxPerHour: 100, burst: null });
    expect(Quota.parse((await fx.app.inject({ method: 'POST', url: `${url}/pause`, headers: reason })).json()).paused).toBe(true);
    expect(Quota.parse((await fx.app.inject({ method: 'POST', url: `${url}/resume`, headers: reason })).json()).paused).toBe(false);
    expect((await fx.app.inject({ method: 'DELETE', url, headers: reason })).statusCode).toBe(204);

    const audit = (await fx.app.inject({ url: '/api/v1/audit?targetType=quota&targetId=export.csv' })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['quota.delete', 'quota.resume', 'quota.pause', 'quota.update', 'quota.create']);
    expect(audit.items[0].ticket).toBe('CAP-3');
  });

  it('accepts "*" for every job type of the tenant', async () => {
    const res = await fx.app.inject({ method: 'POST', url: '/api/v1/quotas', headers: reason, payload: { jobType: '*', maxActive: 50 } });
    expect(res.statusCode).toBe(201);
    expect((await fx.app.inject({ method: 'POST', url: '/api/v1/quotas/%2A/pause', headers: reason })).statusCode).toBe(200);
    expect((await fx.app.inject({ method: 'DELETE', url: '/api/v1/quotas/%2A', headers: reason })).statusCode).toBe(204);
  });

  it('answers 400, 404 and 409 with the envelope and changes nothing', async () => {
    expectError(await fx.app.inject({ method: 'POST', url: '/api/v1/quotas', payload: { jobType: 'a.b', maxActive: 1 } }), 400, 'validation_failed');
    for (const payload of [{ jobType: 'bad type!' }, { jobType: 'a.b', maxActive: -1 }, { jobType: 'a.b', burst: 5 }, { jobType: 'a.b', limit: 1 }]) {
      expectError(await fx.app.inject({ method: 'POST', url: '/api/v1/quotas', headers: reason, payload }), 400, 'validation_failed');
    }
    expect(QuotaList.parse((await fx.app.inject({ url: '/api/v1/quotas' })).json()).items.map((q) => q.jobType)).not.toContain('a.b');
    expectError(await fx.app.inject({ method: 'PUT', url: '/api/v1/quotas/none.here', headers: reason, payload: {} }), 404, 'not_found');
    expectError(await fx.app.inject({ method: 'DELETE', url: '/api/v1/quotas/none.here', headers: reason }), 404, 'not_found');
    await fx.app.inject({ method: 'POST', url: '/api/v1/quotas', headers: reason, payload: { jobType: 'dup.q' } });
    expectError(await fx.app.inject({ method: 'POST', url: '/api/v1/quotas', headers: reason, payload: { jobType: 'dup.q' } }), 409, 'conflict');
  });

  it('exports the same table as JSON and CSV downloads', async () => {
    await fx.app.inject({ method: 'POST', url: '/api/v1/quotas', headers: reason, payload: { jobType: 'report.pdf', maxPerHour: 60 } });
    const json = await fx.app.inject({ url: '/api/v1/quotas/export?format=json' });
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename="quotas-default-.*\.json"$/);
    const snapshot = QuotaSnapshot.parse(json.json());
    const csv = await fx.app.inject({ url: '/api/v1/quotas/export?format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/\.csv"$/);
    const [header, ...lines] = csv.body.trim().split('\r\n');
    expect(header?.split(',').slice(0, 3)).toEqual(['tenant', 'jobType', 'maxActive']);
    expect(lines.map((l) => l.split(',')[1])).toEqual(snapshot.quotas.map((q) => q.jobType));
    expect(lines.find((l) => l.includes('report.pdf'))?.split(',')[3]).toBe('60');
    expectError(await fx.app.inject({ url: '/api/v1/quotas/export?format=xml' }), 400, 'validation_failed');
  });
});
