import { AuditPage, CreatedToken, ErrorEnvelope, SESSION_COOKIE, SessionInfo, type Scope } from '@execops/contract';
import { AuthStore } from '@execops/engine';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { registerAuth } from '../src/auth/request-auth.ts';
import { ROUTE_ACCESS, type RouteAccess } from '../src/auth/route-scopes.ts';
import { createAppFixture, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture({ loginAttemptsPerMinute: 5 });
});
afterAll(async () => fx.close());

const ID_PARAMS: Record<string, string> = {
  ':id': '0192e4a0-0000-7000-8000-000000000001',
  ':queue': 'matrix-q',
  ':jobType': 'matrix.job',
};

/**
 * A request for a table entry: params filled in; the event stream asks for a topic of each of its scopes and gets a
 * bad cursor so it answers instead of streaming.
 */
function requestFor(key: string, tenant: string, headers: Record<string, string>) {
  const [method, pattern] = key.split(' ') as [string, string];
  const url = pattern.replace(/:[a-zA-Z]+/g, (param) => (pattern.startsWith('/api/v1/tokens') ? '00000000000000ff' : (ID_PARAMS[param] ?? 'x')));
  const extra = pattern === '/api/v1/events' ? { 'last-event-id': 'not-a-cursor' } : {};
  return {
    method: method as 'GET',
    url: pattern === '/api/v1/events' ? `${url}?topics=jobs,scans` : url,
    headers: { 'x-tenant': tenant, 'x-operator-reason': 'matrix', ...extra, ...headers },
    ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
  };
}

async function changeCount(): Promise<number> {
  const { rows } = await fx.db.pool.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM jobs) + (SELECT count(*) FROM events)
          + (SELECT count(*) FROM quotas) + (SELECT count(*) FROM schedules) + (SELECT count(*) FROM queue_pauses) AS n`,
  );
  return rows[0]?.n ?? 0;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const scoped = Object.entries(ROUTE_ACCESS).filter((entry): entry is [string, Extract<RouteAccess, { kind: 'scoped' }>] => entry[1].kind === 'scoped');
/** A scope that grants none of the route's: any scope but the route's and admin. */
const otherScope = (scopes: readonly Scope[]): Scope => (['jobs:read', 'scanner:read', 'audit:read'] as const).find((s) => !scopes.includes(s)) as Scope;

describe('every route in the access table', () => {
  it.each(Object.entries(ROUTE_ACCESS).filter(([, a]) => a.kind !== 'public'))('%s answers 401 without credentials', async (key) => {
    const res = await fx.injectRaw(requestFor(key, 'default', {}));
    expect(res.statusCode).toBe(401);
    expect(ErrorEnvelope.parse(res.json()).error.code).toBe('unauthorized');
  });

  it.each(scoped)('%s answers 403 naming the scope to a token without it', async (key, access) => {
    const token = await fx.createToken({ scopes: [otherScope(access.scopes)], tenants: ['*'] });
    const res = await fx.injectRaw(requestFor(key, 'default', bearer(token)));
    expect(res.statusCode).toBe(403);
    expect(ErrorEnvelope.parse(res.json()).error.message).toContain(`lacks scope ${access.scopes.join(' or ')}`);
  });

  it.each(scoped)('%s refuses a token of tenant A acting on tenant B, and nothing changes', async (key, access) => {
    const token = await fx.createToken({ scopes: [...access.scopes], tenants: ['tenant-a'] });
    const before = await changeCount();
    const res = await fx.injectRaw(requestFor(key, 'tenant-b', bearer(token)));
    expect(res.statusCode).toBe(403);
    expect(ErrorEnvelope.parse(res.json()).error.message).toMatch(access.tenants === 'all' ? /every tenant/ : /no access to tenant tenant-b/);
    expect(await changeCount()).toBe(before);
  });

  it.each(scoped)('%s lets a token with any one of its scopes and the tenant through', async (key, access) => {
    for (const scope of access.scopes) {
      const token = await fx.createToken({ scopes: [scope], tenants: access.tenants === 'all' ? ['*'] : ['tenant-a'] });
      const res = await fx.injectRaw(requestFor(key, 'tenant-a', bearer(token)));
      expect([401, 403], scope).not.toContain(res.statusCode);
    }
  });

  it('admin implies every scope', async () => {
    const res = await fx.app.inject({ url: '/api/v1/audit' });
    expect(res.statusCode).toBe(200);
  });

  it('the server refuses to start with an /api/v1 route missing from the table', async () => {
    const app = Fastify({ logger: false });
    registerAuth(app, new AuthStore(fx.db.pool));
    app.get('/api/v1/healthz', async () => 'ok');
    expect(() => app.get('/api/v1/unlisted', async () => 'oops')).toThrow(/GET \/api\/v1\/unlisted has no entry in apps\/server\/src\/auth\/route-scopes.ts/);
    await app.close();
  });

  it('the public routes answer without credentials, with the security headers', async () => {
    const res = await fx.injectRaw({ url: '/api/v1/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
  });

  it('documents bearer auth in the OpenAPI document', async () => {
    const doc = (await fx.injectRaw({ url: '/api/openapi.json' })).json();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/tokens'].post).toBeDefined();
  });
});

describe('bearer tokens', () => {
  it('refuses an unknown, malformed or wrong-secret token with 401', async () => {
    const wrongSecret = fx.adminToken.slice(0, -1) + (fx.adminToken.endsWith('a') ? 'b' : 'a');
    for (const value of ['Bearer nope', `Bearer ${wrongSecret}`, 'Basic abc']) {
      const res = await fx.injectRaw({ url: '/api/v1/jobs', headers: { authorization: value } });
      expect(res.statusCode).toBe(401);
    }
  });

  it('creates a token whose secret is shown once, lists it without the secret, revokes it with effect at once (audited)', async () => {
    const created = await fx.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { 'x-operator-reason': 'ci deploys', 'x-operator-ticket': 'OPS-9' },
      payload: { name: 'ci', scopes: ['jobs:read'], tenants: ['default'] },
    });
    expect(created.statusCode).toBe(201);
    const { token, secret } = CreatedToken.parse(created.json());
    expect(secret).toMatch(new RegExp(`^eo_${token.id}_`));
    const list = await fx.app.inject({ url: '/api/v1/tokens' });
    expect(list.body).not.toContain(secret.split('_')[2]);
    expect(list.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ id: token.id, name: 'ci', revokedAt: null })]));
    const { rows } = await fx.db.pool.query<{ secret_sha256: Buffer }>('SELECT secret_sha256 FROM api_tokens WHERE id = $1', [token.id]);
    expect(rows[0]?.secret_sha256.toString('utf8')).not.toContain(secret.split('_')[2]);

    expect((await fx.injectRaw({ url: '/api/v1/jobs', headers: bearer(secret) })).statusCode).toBe(200);
    const revoked = await fx.app.inject({ method: 'POST', url: `/api/v1/tokens/${token.id}/revoke`, headers: { 'x-operator-reason': 'leaked' } });
    expect(revoked.statusCode).toBe(200);
    expect((await fx.injectRaw({ url: '/api/v1/jobs', headers: bearer(secret) })).statusCode).toBe(401);
    const again = await fx.app.inject({ method: 'POST', url: `/api/v1/tokens/${token.id}/revoke`, headers: { 'x-operator-reason': 'leaked' } });
    expect(again.statusCode).toBe(409);

    const audit = AuditPage.parse((await fx.app.inject({ url: `/api/v1/audit?targetType=token&targetId=${token.id}` })).json());
    expect(audit.items.map((e) => [e.action, e.actor, e.reason])).toEqual([
      ['token.revoke', 'admin', 'leaked'],
      ['token.create', 'admin', 'ci deploys'],
    ]);
    expect(audit.items[1]).toMatchObject({ ticket: 'OPS-9', after: { name: 'ci', scopes: ['jobs:read'], tenants: ['default'] } });
    expect(audit.items[0]?.traceId).toBe(revoked.headers['x-trace-id']);
  });

  it('refuses a token creation without a reason, or with an unknown scope', async () => {
    const noReason = await fx.app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { name: 'x', scopes: ['jobs:read'], tenants: ['default'] } });
    expect(noReason.statusCode).toBe(400);
    const badScope = await fx.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { 'x-operator-reason': 'r' },
      payload: { name: 'x', scopes: ['jobs:write'], tenants: ['default'] },
    });
    expect(badScope.statusCode).toBe(400);
    expect(ErrorEnvelope.parse(badScope.json()).error.code).toBe('validation_failed');
  });

  it('a token of one tenant sees its data and never another tenant’s', async () => {
    await fx.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: { 'x-tenant': 'iso-b' }, payload: { jobType: 'iso.secret' } });
    const tokenA = await fx.createToken({ scopes: ['jobs:read', 'jobs:operate'], tenants: ['iso-a'] });
    const own = await fx.injectRaw({ url: '/api/v1/jobs?jobType=iso.secret', headers: { ...bearer(tokenA), 'x-tenant': 'iso-a' } });
    expect(own.json().items).toEqual([]);
    const other = await fx.injectRaw({ url: '/api/v1/jobs?jobType=iso.secret', headers: { ...bearer(tokenA), 'x-tenant': 'iso-b' } });
    expect(other.statusCode).toBe(403);
    const stream = await fx.injectRaw({ url: '/api/v1/events?topics=jobs&tenant=iso-b', headers: bearer(tokenA) });
    expect(stream.statusCode).toBe(403);
  });
});

/** Each sign-in from its own address, so the login rate limit (5 a minute here) stays out of these tests. */
let clients = 0;
const clientAddress = () => `10.0.1.${++clients}`;

describe('console sessions', () => {
  async function login(token: string) {
    const res = await fx.injectRaw({ method: 'POST', url: '/api/v1/auth/login', payload: { token }, remoteAddress: clientAddress() });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    if (!cookie) throw new Error('no session cookie');
    return { res, cookie, session: SessionInfo.parse(res.json()), headers: { cookie: `${SESSION_COOKIE}=${cookie.value}` } };
  }

  it('sets an HttpOnly SameSite=Strict cookie and answers who is signed in', async () => {
    const { cookie, session, headers } = await login(fx.adminToken);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session).toMatchObject({ actor: 'session:admin', via: 'session', scopes: ['admin'], tenants: ['*'] });
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const who = SessionInfo.parse((await fx.injectRaw({ url: '/api/v1/auth/session', headers })).json());
    expect(who).toMatchObject({ tokenName: 'admin', csrfToken: session.csrfToken });
  });

  it('a mutation with the cookie needs the CSRF header; with it the audit names the session', async () => {
    const { session, headers } = await login(fx.adminToken);
    const before = await changeCount();
    const forged = await fx.injectRaw({ method: 'POST', url: '/api/v1/queues/csrf-q/pause', headers: { ...headers, 'x-operator-reason': 'r' } });
    expect(forged.statusCode).toBe(403);
    expect(ErrorEnvelope.parse(forged.json()).error.message).toContain('x-csrf-token');
    const wrong = await fx.injectRaw({ method: 'POST', url: '/api/v1/queues/csrf-q/pause', headers: { ...headers, 'x-operator-reason': 'r', 'x-csrf-token': 'nope' } });
    expect(wrong.statusCode).toBe(403);
    expect(await changeCount()).toBe(before);
    const ok = await fx.injectRaw({
      method: 'POST',
      url: '/api/v1/queues/csrf-q/pause',
      headers: { ...headers, 'x-operator-reason': 'maintenance', 'x-csrf-token': session.csrfToken as string },
    });
    expect(ok.statusCode).toBe(200);
    const audit = AuditPage.parse((await fx.app.inject({ url: '/api/v1/audit?actor=session:admin&action=queue.pause' })).json());
    expect(audit.items).toMatchObject([{ targetId: 'csrf-q', reason: 'maintenance' }]);
    expect((await fx.injectRaw({ url: '/api/v1/jobs', headers })).statusCode).toBe(200);
  });

  it('logout ends the session; revoking the token ends its sessions at once', async () => {
    const first = await login(fx.adminToken);
    const out = await fx.injectRaw({ method: 'POST', url: '/api/v1/auth/logout', headers: first.headers });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
    expect((await fx.injectRaw({ url: '/api/v1/auth/session', headers: first.headers })).statusCode).toBe(401);

    const token = await fx.createToken({ scopes: ['jobs:read'], tenants: ['default'] });
    const second = await login(token);
    expect((await fx.injectRaw({ url: '/api/v1/jobs', headers: second.headers })).statusCode).toBe(200);
    await fx.app.inject({ method: 'POST', url: `/api/v1/tokens/${second.session.tokenId}/revoke`, headers: { 'x-operator-reason': 'gone' } });
    expect((await fx.injectRaw({ url: '/api/v1/jobs', headers: second.headers })).statusCode).toBe(401);
  });

  it('logins are audited', async () => {
    const audit = AuditPage.parse((await fx.app.inject({ url: '/api/v1/audit?action=auth.login&limit=1' })).json());
    expect(audit.items[0]).toMatchObject({ targetType: 'token', reason: 'console login' });
    expect(audit.items[0]?.actor).toMatch(/^session:/);
  });

  it('the one-time login code of a first start signs in once', async () => {
    // As on a database without a live all-tenant admin token; the other tests' admin tokens come back afterwards.
    const { rows: admins } = await fx.db.pool.query<{ id: string }>(
      `UPDATE api_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND 'admin' = ANY (scopes) RETURNING id`,
    );
    const bootstrap = await new AuthStore(fx.db.pool).ensureAdminToken(60);
    if (!bootstrap) throw new Error('no admin token was created');
    expect(await new AuthStore(fx.db.pool).ensureAdminToken(60)).toBeNull();
    onTestFinished(async () => {
      await fx.db.pool.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1', [bootstrap.created.token.id]);
      await fx.db.pool.query('UPDATE api_tokens SET revoked_at = NULL WHERE id = ANY ($1)', [admins.map((a) => a.id)]);
    });
    const first = await fx.injectRaw({ method: 'POST', url: '/api/v1/auth/login', payload: { code: bootstrap.loginCode }, remoteAddress: clientAddress() });
    expect(first.statusCode).toBe(200);
    expect(SessionInfo.parse(first.json()).scopes).toEqual(['admin']);
    const second = await fx.injectRaw({ method: 'POST', url: '/api/v1/auth/login', payload: { code: bootstrap.loginCode }, remoteAddress: clientAddress() });
    expect(second.statusCode).toBe(401);
    expect(ErrorEnvelope.parse(second.json()).error.message).toContain('login code is unknown, used or expired');
  });
});

describe('login rate limit', () => {
  it('answers 429 with Retry-After after too many attempts from one address', async () => {
    const statuses: number[] = [];
    let last;
    for (let n = 0; n < 8; n += 1) {
      last = await fx.injectRaw({ method: 'POST', url: '/api/v1/auth/login', payload: { token: 'eo_bad' }, remoteAddress: '10.9.9.9' });
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect(ErrorEnvelope.parse(last?.json()).error.code).toBe('rate_limited');
  });
});

describe('GET /api/v1/audit filters', () => {
  it('filters by actor and time window', async () => {
    const token = await fx.createToken({ name: 'auditor-op', scopes: ['jobs:operate'], tenants: ['default'] });
    await fx.injectRaw({ method: 'POST', url: '/api/v1/queues/audit-q/pause', headers: { ...bearer(token), 'x-operator-reason': 'r' } });
    const byActor = AuditPage.parse((await fx.app.inject({ url: '/api/v1/audit?actor=auditor-op' })).json());
    expect(byActor.items.map((e) => e.action)).toEqual(['queue.pause']);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = AuditPage.parse((await fx.app.inject({ url: `/api/v1/audit?actor=auditor-op&since=${encodeURIComponent(future)}` })).json());
    expect(none.items).toEqual([]);
    const until = AuditPage.parse((await fx.app.inject({ url: `/api/v1/audit?actor=auditor-op&until=${encodeURIComponent(future)}` })).json());
    expect(until.items).toHaveLength(1);
  });
});
