import { ErrorEnvelope } from '@execops/contract';
import { reliabilityRuns } from '@execops/engine/reliability';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS } from '../../src/auth/route-scopes.ts';
import { createAppFixture, PAYLOAD_LIMIT, type AppFixture } from '../app-fixture.ts';
import { badRequests, type FuzzRequest, type OpenApiDocument } from './bad-requests.ts';
import { dbFingerprint } from './db-fingerprint.ts';

/** The fixture's body limit (see app-fixture.ts). */
const BODY_LIMIT = PAYLOAD_LIMIT * 4;

let fx: AppFixture;
let doc: OpenApiDocument;
beforeAll(async () => {
  fx = await createAppFixture();
  doc = (await fx.injectRaw({ url: '/api/openapi.json' })).json();
  // Something to find, so filters and injections run against rows and not an empty database.
  await fx.app.inject({ method: 'POST', url: '/api/v1/jobs', payload: { jobType: 'fuzz.seed', payload: { n: 1 } } });
  await fx.app.inject({ method: 'POST', url: '/api/v1/queues/fuzz.seed/pause', headers: { 'x-operator-reason': 'seed' } });
});
afterAll(async () => fx.close());

const routes = Object.entries(ROUTE_ACCESS).map(([key, access]) => {
  const [method, path] = key.split(' ') as [FuzzRequest['method'], string];
  return { key, method, path, tenantScoped: access.kind === 'scoped' && access.tenants === 'request' };
});

async function send(request: FuzzRequest) {
  const { kind: _kind, mustRefuse: _mustRefuse, ...inject } = request;
  return fx.app.inject({ ...inject, remoteAddress: '10.77.0.1' });
}

describe('bad input on every API route', () => {
  it('fuzzes every route of the access table, and the table matches the OpenAPI document', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.filter((k) => k.includes('/api/v1/')).sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });

  // Found by this suite: the router answered these in Fastify's own format, without the envelope or a traceId.
  it.each([
    ['a path parameter over the router limit', `/api/v1/jobs/${'x'.repeat(300)}`, 414],
    ['a malformed %-escape', '/api/v1/jobs/%E0%A4%A', 400],
  ])('%s answers %i with the error envelope', async (_what, url, status) => {
    const res = await fx.app.inject({ url });
    expect(res.statusCode).toBe(status);
    expect(ErrorEnvelope.parse(res.json()).error).toMatchObject({ code: 'bad_request', traceId: expect.any(String) });
  });

  it.each([
    ['a path parameter', { url: '/api/v1/workers/%00nul' }],
    ['a filter', { url: '/api/v1/jobs?text=%00nul' }],
    ['a job payload', { method: 'POST' as const, url: '/api/v1/jobs', payload: { jobType: 'nul.job', payload: { text: '\u0000' } } }],
  ])('a NUL character in %s answers 400, not a database error, and writes nothing', async (_what, request) => {
    const before = await dbFingerprint(fx.db.pool);
    const res = await fx.app.inject(request);
    expect(res.statusCode).toBe(400);
    expect(ErrorEnvelope.parse(res.json()).error.message).toContain('NUL character');
    expect(await dbFingerprint(fx.db.pool)).toBe(before);
  });

  it.each(routes)('$key answers with a 4xx error envelope and writes nothing', async (route) => {
    await fc.assert(
      fc.asyncProperty(badRequests(doc, route, BODY_LIMIT), async (request) => {
        const before = await dbFingerprint(fx.db.pool);
        const res = await send(request);
        const what = `${request.kind}: ${request.method} ${request.url.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, what).toBeLessThan(500);
        if (request.mustRefuse) expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
        if (res.statusCode >= 400) expect(ErrorEnvelope.safeParse(res.json()).success, what).toBe(true);
        expect(await dbFingerprint(fx.db.pool), `${what} wrote to the database`).toBe(before);
      }),
      reliabilityRuns({ smoke: 6, full: 200 }),
    );
  });
});
