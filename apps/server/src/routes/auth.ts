import { ErrorEnvelope, LoginRequest, SESSION_COOKIE, SessionInfo } from '@execops/contract';
import type { AuthStore } from '@execops/engine';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestAuth, type RequestAuth } from '../auth/request-auth.ts';
import { ApiError } from '../error-envelope.ts';
import { requestTenant } from '../tenant.ts';

export interface AuthRouteOptions {
  store: AuthStore;
  sessionSeconds: number;
  /** Login attempts per client address and minute; more answer 429 with Retry-After. */
  loginAttemptsPerMinute: number;
}

function sessionInfo(auth: RequestAuth): SessionInfo {
  const { token } = auth;
  return {
    actor: auth.actor,
    via: auth.via,
    tokenId: token.id,
    tokenName: token.name,
    scopes: token.scopes,
    tenants: token.tenants,
    csrfToken: auth.via === 'session' ? auth.csrfToken : null,
    expiresAt: auth.via === 'session' ? auth.expiresAt : token.expiresAt,
  };
}

function cookieOptions(request: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' } as const;
}

/** Console login (a token or a one-time code → an HttpOnly SameSite=Strict session cookie), logout, who am I. */
export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, { store, sessionSeconds, loginAttemptsPerMinute }) => {
  app.post(
    '/auth/login',
    {
      config: { rateLimit: { max: loginAttemptsPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Exchange a token (or the one-time code of the first-start login URL) for a console session cookie',
        body: LoginRequest,
        response: { 200: SessionInfo, 400: ErrorEnvelope, 401: ErrorEnvelope, 429: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const token = 'token' in body ? await store.authenticateToken(body.token.trim()) : await store.spendLoginCode(body.code);
      if (!token)
        throw new ApiError(401, 'unauthorized', 'token' in body ? 'the token is unknown, revoked or expired' : 'the login code is unknown, used or expired');
      const actor = `session:${token.name}`;
      const session = await store.createSession(token, sessionSeconds, {
        tenant: requestTenant(request),
        operator: { actor, reason: 'token' in body ? 'console login' : 'console login with a one-time code', traceId: request.id },
      });
      reply.setCookie(SESSION_COOKIE, session.sessionId, { ...cookieOptions(request), maxAge: sessionSeconds });
      return sessionInfo({ via: 'session', token, actor, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the console session (clears the cookie)', response: { 204: z.null().describe('signed out') } } },
    async (request, reply) => {
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId) await store.deleteSession(sessionId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    { schema: { tags: ['auth'], summary: 'Who the caller is: token, scopes, tenants and the CSRF token of a console session', response: { 200: SessionInfo, 401: ErrorEnvelope } } },
    async (request) => sessionInfo(requestAuth(request)),
  );
};
