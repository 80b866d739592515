import { ApiToken, ApiTokenList, CreatedToken, CreateTokenRequest, ErrorEnvelope, OperatorHeaders, TokenIdParams } from '@execops/contract';
import type { AuthStore } from '@execops/engine';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestOperator } from '../operator.ts';
import { requestTenant } from '../tenant.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
const tags = ['auth'];

/** Token changes are audited in the tenant the request acted for (X-Tenant, default `default`). */
const audit = (request: FastifyRequest) => ({ tenant: requestTenant(request), operator: requestOperator(request) });

/** API tokens (scope `admin` for every tenant): the secret is returned once, at creation; only its hash is kept. */
export const tokenRoutes: FastifyPluginAsyncZod<{ store: AuthStore }> = async (app, { store }) => {
  app.get(
    '/tokens',
    { schema: { tags, summary: 'Every token (never its secret), newest first', response: { 200: ApiTokenList, ...errors } } },
    async () => ({ items: await store.listTokens() }),
  );
  app.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create a token; the answer holds its secret, shown this once',
        headers: OperatorHeaders,
        body: CreateTokenRequest,
        response: { 201: CreatedToken, ...errors, 409: ErrorEnvelope },
      },
    },
    async (request, reply) => reply.status(201).send(await store.createToken(request.body, audit(request))),
  );
  app.post(
    '/tokens/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a token at once (its console sessions end with it)',
        headers: OperatorHeaders,
        params: TokenIdParams,
        response: { 200: ApiToken, ...errors, 404: ErrorEnvelope, 409: ErrorEnvelope },
      },
    },
    async (request) => store.revokeToken(request.params.id, audit(request)),
  );
};
