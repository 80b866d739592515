import { ErrorEnvelope, LEGACY_ALIASES, Readiness, resolveLegacyPath } from '@execops/contract';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

describe('legacy aliases', () => {
  const paths = LEGACY_ALIASES.flatMap((a) => [a.from || '/', `${a.from}/jobs/123`]).filter((p) => resolveLegacyPath(p));
  it.each(paths)('%s redirects with 308 and keeps the query', async (path) => {
    const res = await fx.app.inject({ url: `${path}?state=failed&x=1` });
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe(`${resolveLegacyPath(path)}?state=failed&x=1`);
  });

  it('does not redirect API paths or canonical pages', async () => {
    expect((await fx.app.inject({ url: '/api/v1/healthz' })).statusCode).toBe(200);
    expect((await fx.app.inject({ url: '/ops/operations/jobengine/jobs?state=queued' })).statusCode).toBe(200);
  });
});

describe('console assets', () => {
  it('serves index.html for any page path (history fallback)', async () => {
    const res = await fx.app.inject({ url: '/ops/operations/jobengine/jobs/abc/dag' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('execops console');
  });

  it('serves built files with long caching and 404s missing ones', async () => {
    const asset = await fx.app.inject({ url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await fx.app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
  });

  it('sends the build’s brotli twin of a file to a browser that accepts it, and the file itself to one that does not', async () => {
    const compressed = await fx.app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(compressed.statusCode).toBe(200);
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers['content-type']).toContain('javascript');
    expect(compressed.headers['cache-control']).toContain('immutable');
    expect(compressed.headers.vary).toContain('accept-encoding');
    expect(brotliDecompressSync(compressed.rawPayload).toString()).toBe('console.log(1)');

    const plain = await fx.app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log(1)');
  });

  it('answers unknown API paths with the error envelope', async () => {
    const res = await fx.app.inject({ url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(ErrorEnvelope.parse(res.json()).error.code).toBe('not_found');
  });
});

describe('health and OpenAPI', () => {
  it('reports liveness and readiness with migrations applied', async () => {
    expect((await fx.app.inject({ url: '/api/v1/healthz' })).json()).toMatchObject({ status: 'ok' });
    const ready = Readiness.parse((await fx.app.inject({ url: '/api/v1/readyz' })).json());
    expect(ready.status).toBe('ready');
    expect(ready.checks.migrations.applied).toBe(ready.checks.migrations.expected);
  });

  it('publishes an OpenAPI 3.1 document covering the job routes', async () => {
    const doc = (await fx.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/jobs', '/api/v1/jobs/{id}', '/api/v1/jobs/{id}/cancel', '/api/v1/healthz', '/api/v1/readyz'])
      expect(Object.keys(doc.paths)).toContain(path);
  });
});
