import { ErrorEnvelope, SESSION_COOKIE, SessionInfo } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS } from '../../src/auth/route-scopes.ts';
import { adminAuth, createAppFixture, listenLocally, type AppFixture } from '../app-fixture.ts';
import { dbFingerprint } from '../fuzz/db-fingerprint.ts';

// Complements auth-api.test.ts (401/403 per route for scope and tenant, one CSRF case, login rate limit).
let fx: AppFixture;
let baseUrl: string;
beforeAll(async () => {
  fx = await createAppFixture({ loginAttemptsPerMinute: 3 });
  baseUrl = await listenLocally(fx);
});
afterAll(async () => fx.close());

let clients = 0;
const clientAddress = () => `10.0.2.${++clients}`;

async function login(token: string, headers: Record<string, string> = {}) {
  const res = await fx.injectRaw({ method: 'POST', url: '/api/v1/auth/login', payload: { token }, headers, remoteAddress: clientAddress() });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return { id: cookie.value, session: SessionInfo.parse(res.json()), headers: { cookie: `${SESSION_COOKIE}=${cookie.value}` } };
}

const mutations = Object.entries(ROUTE_ACCESS)
  .filter(([key, access]) => !key.startsWith('GET ') && access.kind !== 'public')
  .map(([key]) => key);

describe('CSRF', () => {
  it.each(mutations)('%s refuses a console session without its X-CSRF-Token, and writes nothing', async (key) => {
    const { headers } = await login(fx.adminToken);
    const [method, pattern] = key.split(' ') as ['POST', string];
    const url = pattern.replace(/:(\w+)/g, (_, name: string) => (pattern.startsWith('/api/v1/tokens') ? '00000000000000ff' : name === 'id' ? '0192e4a0-0000-7000-8000-000000000c5f' : 'csrf.target'));
    const before = await dbFingerprint(fx.db.pool);
    for (const csrf of [undefined, 'forged', '']) {
      const res = await fx.injectRaw({
        method,
        url,
        headers: { ...headers, 'x-operator-reason': 'csrf', ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }) },
        payload: {},
      });
      expect(res.statusCode).toBe(403);
      expect(ErrorEnvelope.parse(res.json()).error.message).toContain('x-csrf-token');
    }
    expect(await dbFingerprint(fx.db.pool)).toBe(before);
  });

  it('the CSRF token of one session does not pass for another', async () => {
    const first = await login(fx.adminToken);
    const second = await login(fx.adminToken);
    expect(second.session.csrfToken).not.toBe(first.session.csrfToken);
    const res = await fx.injectRaw({
      method: 'POST',
      url: '/api/v1/queues/csrf-cross/pause',
      headers: { ...second.headers, 'x-operator-reason': 'r', 'x-csrf-token': first.session.csrfToken as string },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('session fixation', () => {
  it('a session id the browser brought before login is neither kept nor honoured', async () => {
    const planted = 'attacker-chosen-session-id-0000000000000000';
    const { id, headers } = await login(fx.adminToken, { cookie: `${SESSION_COOKIE}=${planted}` });
    expect(id).not.toBe(planted);
    expect((await fx.injectRaw({ url: '/api/v1/auth/session', headers: { cookie: `${SESSION_COOKIE}=${planted}` } })).statusCode).toBe(401);
    expect((await fx.injectRaw({ url: '/api/v1/auth/session', headers })).statusCode).toBe(200);
  });

  it('signing in again gives a new session; an old session id signed out stays dead', async () => {
    const first = await login(fx.adminToken);
    const second = await login(fx.adminToken, first.headers);
    expect(second.id).not.toBe(first.id);
    await fx.injectRaw({ method: 'POST', url: '/api/v1/auth/logout', headers: first.headers });
    expect((await fx.injectRaw({ url: '/api/v1/jobs', headers: first.headers })).statusCode).toBe(401);
    expect((await fx.injectRaw({ url: '/api/v1/jobs', headers: second.headers })).statusCode).toBe(200);
  });
});

/** Opens the event stream and resolves once the server has ended it (the test's own timeout guards a stream that never ends). */
async function openStream(headers: Record<string, string>) {
  const res = await fetch(`${baseUrl}/api/v1/events?topics=jobs`, { headers });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  expect(new TextDecoder().decode((await reader.read()).value)).toContain('retry:');
  return {
    async ended(): Promise<true> {
      for (;;) if ((await reader.read()).done) return true;
    },
  };
}

describe('revocation at once', () => {
  it('revoking a token ends its open event stream, and the next request is refused', async () => {
    const token = await fx.createToken({ scopes: ['jobs:read'], tenants: ['default'] });
    const stream = await openStream({ authorization: `Bearer ${token}` });
    const tokenId = token.split('_')[1];
    const revoked = await fx.app.inject({ method: 'POST', url: `/api/v1/tokens/${tokenId}/revoke`, headers: { 'x-operator-reason': 'leaked' } });
    expect(revoked.statusCode).toBe(200);
    expect(await stream.ended()).toBe(true);
    expect((await fetch(`${baseUrl}/api/v1/events?topics=jobs`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('signing out ends the session’s open event stream', async () => {
    const { headers } = await login(fx.adminToken);
    const stream = await openStream(headers);
    expect((await fx.injectRaw({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(204);
    expect(await stream.ended()).toBe(true);
  });

  it('a stream of a live token keeps running while another token is revoked', async () => {
    const other = await fx.createToken({ scopes: ['jobs:read'], tenants: ['default'] });
    const res = await fetch(`${baseUrl}/api/v1/events?topics=jobs`, { headers: adminAuth(fx) });
    const reader = res.body!.getReader();
    await reader.read();
    await fx.app.inject({ method: 'POST', url: `/api/v1/tokens/${other.split('_')[1]}/revoke`, headers: { 'x-operator-reason': 'other' } });
    const created = await fx.app.inject({ method: 'POST', url: '/api/v1/jobs', payload: { jobType: 'still.streaming' } });
    let seen = '';
    while (!seen.includes(created.json().job.id)) {
      const { value, done } = await reader.read();
      expect(done).toBe(false);
      seen += new TextDecoder().decode(value);
    }
    await reader.cancel();
  });
});

describe('login rate limit', () => {
  it('limits one address without locking out another', async () => {
    const attempt = (remoteAddress: string) =>
      fx.injectRaw({ method: 'POST', url: '/api/v1/auth/login', payload: { token: 'eo_wrong' }, remoteAddress });
    const statuses = [];
    for (let n = 0; n < 4; n += 1) statuses.push((await attempt('10.66.0.1')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await attempt('10.66.0.2')).statusCode).toBe(401);
  });
});

describe('security headers', () => {
  it.each([
    ['an API answer', '/api/v1/healthz', 200],
    ['an API error', '/api/v1/jobs/not-a-uuid', 400],
    ['a console page', '/ops/operations/jobengine/jobs', 200],
    ['the API docs', '/api/docs/', 200],
  ])('%s carries a CSP without inline scripts, frame denial, nosniff and no referrer', async (_what, url, status) => {
    const res = await fx.app.inject({ url });
    expect(res.statusCode).toBe(status);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('the session cookie is HttpOnly and SameSite=Strict, and the secret is never echoed', async () => {
    const res = await fx.injectRaw({ method: 'POST', url: '/api/v1/auth/login', payload: { token: fx.adminToken }, remoteAddress: clientAddress() });
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(res.body).not.toContain(fx.adminToken.split('_')[2]);
  });
});
