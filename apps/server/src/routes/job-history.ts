import { ErrorEnvelope, JobEventsPage, JobIdParams } from '@execops/contract';
import { JobNotFoundError, subjectEvents, type EngineStore, type Queryable } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestTenant } from '../tenant.ts';

const HISTORY_LIMIT = 1000;

/** A job's event timeline (enqueued, started, retries, cancel, …), oldest first. */
export const jobHistoryRoutes: FastifyPluginAsyncZod<{ db: Queryable; store: EngineStore }> = async (app, { db, store }) => {
  app.get(
    '/jobs/:id/events',
    {
      schema: {
        tags: ['jobs'],
        summary: `The job's events, oldest first (up to ${HISTORY_LIMIT})`,
        params: JobIdParams,
        response: { 200: JobEventsPage, 400: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => {
      const tenant = requestTenant(request);
      if (!(await store.getJob(tenant, request.params.id))) throw new JobNotFoundError(request.params.id);
      return { items: await subjectEvents(db, tenant, 'jobs', request.params.id, HISTORY_LIMIT) };
    },
  );
};
