import { ErrorEnvelope, hasTenant, Overview, TenantList } from '@execops/contract';
import { executionOverview, listTenants, type Queryable } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestAuth } from '../auth/request-auth.ts';
import { requestTenant } from '../tenant.ts';

/** The execution overview of the Jobs & Queues page, and the tenants a console can switch between. */
export const overviewRoutes: FastifyPluginAsyncZod<{ db: Queryable }> = async (app, { db }) => {
  app.get(
    '/overview',
    {
      schema: {
        tags: ['overview'],
        summary: 'One card per area (JobEngine, Scheduler, Dead-Letter, Quotas, Worker fleet, Scanner): BLOCKING, DEGRADED or INFO from the SPEC §8 thresholds, the numbers behind it and deep links',
        response: { 200: Overview, 400: ErrorEnvelope },
      },
    },
    async (request) => executionOverview(db, requestTenant(request)),
  );

  app.get(
    '/tenants',
    {
      schema: {
        tags: ['overview'],
        summary: "Tenants with any jobs, schedules, quotas or workers, plus the default tenant; only those the caller's token may act for",
        response: { 200: TenantList, 401: ErrorEnvelope },
      },
    },
    async (request) => {
      const { tenants } = requestAuth(request).token;
      return { items: (await listTenants(db)).filter((tenant) => hasTenant(tenants, tenant)) };
    },
  );
};
