import { ErrorEnvelope, QueueHealthReport } from '@execops/contract';
import { queueHealth, type Queryable } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestTenant } from '../tenant.ts';

export const queueHealthRoutes: FastifyPluginAsyncZod<{ db: Queryable }> = async (app, { db }) => {
  app.get(
    '/queues/health',
    {
      schema: {
        tags: ['queues'],
        summary: 'Per queue: jobs by state, oldest runnable age, last-hour throughput series, failure rate, wait and run percentiles, active workers',
        response: { 200: QueueHealthReport, 400: ErrorEnvelope },
      },
    },
    async (request) => queueHealth(db, requestTenant(request)),
  );
};
