import { CSRF_HEADER, hasScope, hasTenant, SESSION_COOKIE, type ApiToken } from '@execops/contract';
import type { AuthStore } from '@execops/engine';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../error-envelope.ts';
import { requestTenant, streamTenant } from '../tenant.ts';
import { API_PREFIX, routeAccess, type RouteAccess } from './route-scopes.ts';

/** The credential a request came with: a bearer token (CLI, SDK, curl) or the console's session cookie. */
export type RequestAuth =
  | { via: 'token'; token: ApiToken; actor: string }
  | { via: 'session'; token: ApiToken; actor: string; csrfToken: string; expiresAt: string };

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
    /** Whether the request's credential is still live (not revoked, expired or signed out); long-lived streams ask it as they go. */
    credentialStillValid: (() => Promise<boolean>) | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in caller of a route that requires one (every route but the public ones). */
export function requestAuth(request: FastifyRequest): RequestAuth {
  if (!request.auth) throw new ApiError(401, 'unauthorized', 'sign in first: send Authorization: Bearer <token>');
  return request.auth;
}

async function authenticate(request: FastifyRequest, store: AuthStore): Promise<RequestAuth | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer (\S+)$/.exec(header);
    const token = match ? await store.authenticateToken(match[1] as string) : null;
    if (!token) throw new ApiError(401, 'unauthorized', 'the bearer token is unknown, revoked or expired');
    return { via: 'token', token, actor: token.name };
  }
  const sessionId = request.cookies[SESSION_COOKIE];
  if (!sessionId) return null;
  const session = await store.authenticateSession(sessionId);
  if (!session) return null;
  return { via: 'session', token: session.token, actor: `session:${session.token.name}`, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}

function authorize(request: FastifyRequest, access: Extract<RouteAccess, { kind: 'scoped' }>, auth: RequestAuth): void {
  const { token } = auth;
  if (!access.scopes.some((scope) => hasScope(token.scopes, scope)))
    throw new ApiError(403, 'forbidden', `token "${token.name}" lacks scope ${access.scopes.join(' or ')} (it has ${token.scopes.join(', ')})`);
  if (access.tenants === 'all') {
    if (!hasTenant(token.tenants, '*')) throw new ApiError(403, 'forbidden', `token "${token.name}" must be granted every tenant ("*") for this route`);
    return;
  }
  const tenant = access.tenantQuery ? streamTenant(request) : requestTenant(request);
  if (!hasTenant(token.tenants, tenant)) throw new ApiError(403, 'forbidden', `token "${token.name}" has no access to tenant ${tenant}`);
}

/**
 * Enforces the route table: every `/api/v1` route must have an entry (else the server does not start), and each
 * request is authenticated, checked for CSRF (cookie sessions), scope and tenant before its body is even parsed.
 */
export function registerAuth(app: FastifyInstance, store: AuthStore): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('credentialStillValid', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(API_PREFIX)) return;
    for (const method of [route.method].flat()) {
      if (!routeAccess(method, route.url))
        throw new Error(`${method} ${route.url} has no entry in apps/server/src/auth/route-scopes.ts: say which scope it needs (or that it is public)`);
    }
  });
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    if (!url?.startsWith(API_PREFIX)) return;
    const access = routeAccess(request.method, url);
    if (!access) throw new ApiError(500, 'internal', `${request.method} ${url} has no access entry`);
    if (access.kind === 'public') return;
    const auth = await authenticate(request, store);
    if (!auth) throw new ApiError(401, 'unauthorized', 'sign in first: send Authorization: Bearer <token>, or log in to the console');
    if (auth.via === 'session' && !SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== auth.csrfToken)
      throw new ApiError(403, 'forbidden', `a console mutation needs the session's ${CSRF_HEADER} header`);
    request.auth = auth;
    request.credentialStillValid = async () => (await authenticate(request, store).catch(() => null))?.token.id === auth.token.id;
    if (access.kind === 'scoped') authorize(request, access, auth);
  });
}
