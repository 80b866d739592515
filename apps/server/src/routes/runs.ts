import { ErrorEnvelope, ListRunsQuery, OperatorHeaders, Run, RunActionResponse, RunPage, RunParams } from '@execops/contract';
import type { RunStore } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestOperator } from '../operator.ts';
import { requestTenant } from '../tenant.ts';

const tags = ['scheduler'];
const actionResponses = { 200: RunActionResponse, 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope };

/** Runs (a schedule's fires and manual triggers) with their state derived from their jobs. */
export const runRoutes: FastifyPluginAsyncZod<{ runs: RunStore }> = async (app, { runs }) => {
  app.get(
    '/runs',
    { schema: { tags, summary: 'Runs of the tenant, newest first', querystring: ListRunsQuery, response: { 200: RunPage, 400: ErrorEnvelope } } },
    async (request) => runs.list(requestTenant(request), request.query),
  );

  app.get(
    '/runs/:id',
    { schema: { tags, summary: 'One run with its counts by job state', params: RunParams, response: { 200: Run, 400: ErrorEnvelope, 404: ErrorEnvelope } } },
    async (request) => runs.get(requestTenant(request), request.params.id),
  );

  app.post(
    '/runs/:id/cancel',
    { schema: { tags, summary: "Cancel the run's unfinished jobs", params: RunParams, headers: OperatorHeaders, response: actionResponses } },
    async (request) => runs.cancel(requestTenant(request), request.params.id, requestOperator(request)),
  );

  app.post(
    '/runs/:id/retry-failed',
    { schema: { tags, summary: "Replay the run's failed jobs into the same run", params: RunParams, headers: OperatorHeaders, response: actionResponses } },
    async (request) => runs.retryFailed(requestTenant(request), request.params.id, requestOperator(request)),
  );
};
