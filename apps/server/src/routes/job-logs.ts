import { ErrorEnvelope, JobArtifactList, JobIdParams, JobLogPage, JobLogsQuery } from '@execops/contract';
import type { JobLogStore } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestTenant } from '../tenant.ts';

const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope };

export const jobLogRoutes: FastifyPluginAsyncZod<{ logs: JobLogStore }> = async (app, { logs }) => {
  app.get(
    '/jobs/:id/logs',
    {
      schema: {
        tags: ['jobs'],
        summary: "A job's log lines in write order",
        description: 'To tail, call again with afterId = nextAfterId (at once while hasMore, else after a pause or a job.logged event).',
        params: JobIdParams,
        querystring: JobLogsQuery,
        response: { 200: JobLogPage, ...errors },
      },
    },
    async (request) => logs.listLogs(requestTenant(request), request.params.id, request.query),
  );

  app.get(
    '/jobs/:id/artifacts',
    {
      schema: { tags: ['jobs'], summary: "A job's artifacts", params: JobIdParams, response: { 200: JobArtifactList, ...errors } },
    },
    async (request) => logs.listArtifacts(requestTenant(request), request.params.id),
  );
};
