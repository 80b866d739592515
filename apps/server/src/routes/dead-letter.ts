import {
  DeadLetterEntryDetail,
  DeadLetterIdParams,
  DeadLetterPage,
  DeadLetterStats,
  ErrorEnvelope,
  ListDeadLetterQuery,
} from '@execops/contract';
import type { DeadLetterQueue } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestTenant } from '../tenant.ts';

const tags = ['dead-letter'];

/** The dead-letter queue (SPEC §5): entries of jobs that failed terminally, their stats, replay, resolve and export. */
export const deadLetterRoutes: FastifyPluginAsyncZod<{ queue: DeadLetterQueue }> = async (app, { queue }) => {
  app.get(
    '/dead-letter',
    {
      schema: {
        tags,
        summary: 'Dead-letter entries, newest first, with filters and a cursor',
        querystring: ListDeadLetterQuery,
        response: { 200: DeadLetterPage, 400: ErrorEnvelope },
      },
    },
    async (request) => queue.list(requestTenant(request), request.query),
  );

  app.get(
    '/dead-letter/stats',
    {
      schema: {
        tags,
        summary: 'Open entries, the oldest, retryable ones, top error clusters, per job type, and the last 24 hours',
        response: { 200: DeadLetterStats, 400: ErrorEnvelope },
      },
    },
    async (request) => queue.stats(requestTenant(request)),
  );

  app.get(
    '/dead-letter/:id',
    {
      schema: {
        tags,
        summary: 'One entry with the failed job’s payload, its attempts and the replay history',
        params: DeadLetterIdParams,
        response: { 200: DeadLetterEntryDetail, 400: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => queue.get(requestTenant(request), request.params.id),
  );
};
