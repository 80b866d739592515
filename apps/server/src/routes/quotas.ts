import {
  CreateQuotaRequest,
  ErrorEnvelope,
  OperatorHeaders,
  Quota,
  QuotaExportQuery,
  QuotaList,
  QuotaParams,
  QuotaSnapshot,
  UpdateQuotaRequest,
} from '@execops/contract';
import type { QuotaAdmin } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestOperator } from '../operator.ts';
import { quotaSnapshotCsv } from '../quota-csv.ts';
import { requestTenant } from '../tenant.ts';

const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope };

/** Quotas per (tenant, job type) with live usage; every change needs a reason and is audited. */
export const quotaRoutes: FastifyPluginAsyncZod<{ quotas: QuotaAdmin }> = async (app, { quotas }) => {
  app.get(
    '/quotas',
    { schema: { tags: ['quotas'], summary: 'Quotas of the tenant with live usage', response: { 200: QuotaList, 400: ErrorEnvelope } } },
    async (request) => ({ items: await quotas.list(requestTenant(request)) }),
  );

  app.get(
    '/quotas/export',
    {
      schema: {
        tags: ['quotas'],
        summary: 'Snapshot of the quota table with live usage, as JSON or CSV (a download)',
        querystring: QuotaExportQuery,
        response: { 200: z.union([QuotaSnapshot, z.string().describe('text/csv when format=csv')]), 400: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const tenant = requestTenant(request);
      const snapshot: QuotaSnapshot = { generatedAt: new Date().toISOString(), tenant, quotas: await quotas.list(tenant) };
      const stamp = snapshot.generatedAt.replace(/[:.]/g, '-');
      const format = request.query.format;
      reply.header('content-disposition', `attachment; filename="quotas-${tenant}-${stamp}.${format}"`);
      if (format === 'json') return snapshot;
      return reply.type('text/csv; charset=utf-8').serializer((body: string) => body).send(quotaSnapshotCsv(snapshot));
    },
  );

  app.post(
    '/quotas',
    { schema: { tags: ['quotas'], summary: 'Create a quota', headers: OperatorHeaders, body: CreateQuotaRequest, response: { 201: Quota, ...errors } } },
    async (request, reply) => reply.status(201).send(await quotas.create(requestTenant(request), request.body, requestOperator(request))),
  );

  app.put(
    '/quotas/:jobType',
    {
      schema: { tags: ['quotas'], summary: 'Replace a quota’s limits', params: QuotaParams, headers: OperatorHeaders, body: UpdateQuotaRequest, response: { 200: Quota, ...errors } },
    },
    async (request) => quotas.update(requestTenant(request), request.params.jobType, request.body, requestOperator(request)),
  );

  app.delete(
    '/quotas/:jobType',
    { schema: { tags: ['quotas'], summary: 'Delete a quota', params: QuotaParams, headers: OperatorHeaders, response: { 204: z.null().describe('deleted'), ...errors } } },
    async (request, reply) => {
      await quotas.delete(requestTenant(request), request.params.jobType, requestOperator(request));
      return reply.status(204).send(null);
    },
  );

  for (const action of ['pause', 'resume'] as const) {
    app.post(
      `/quotas/:jobType/${action}`,
      {
        schema: {
          tags: ['quotas'],
          summary: action === 'pause' ? 'Pause a quota (admits nothing)' : 'Resume a paused quota',
          params: QuotaParams,
          headers: OperatorHeaders,
          response: { 200: Quota, ...errors },
        },
      },
      async (request) => quotas.setPaused(requestTenant(request), request.params.jobType, action === 'pause', requestOperator(request)),
    );
  }
};
