import { AuditPage, ErrorEnvelope, ListAuditQuery } from '@execops/contract';
import { listAudit, type Queryable } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestTenant } from '../tenant.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ db: Queryable }> = async (app, { db }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Operator actions of the tenant, newest first',
        querystring: ListAuditQuery,
        response: { 200: AuditPage, 400: ErrorEnvelope },
      },
    },
    async (request) => listAudit(db, requestTenant(request), request.query),
  );
};
