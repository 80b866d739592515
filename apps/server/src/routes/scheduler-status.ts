import { ErrorEnvelope, SchedulerStatus } from '@execops/contract';
import type { SchedulerStatusReader } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestTenant } from '../tenant.ts';

/** The scheduler overview's numbers in one answer, so the console does not page through every run and event. */
export const schedulerStatusRoutes: FastifyPluginAsyncZod<{ status: SchedulerStatusReader }> = async (app, { status }) => {
  app.get(
    '/scheduler/status',
    {
      schema: {
        tags: ['scheduler'],
        summary: 'Leader lease, schedules by state, active and recent runs, next and missed fires',
        response: { 200: SchedulerStatus, 400: ErrorEnvelope },
      },
    },
    async (request) => status.read(requestTenant(request)),
  );
};
