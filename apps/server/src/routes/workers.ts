import { ErrorEnvelope, ListWorkersQuery, OperatorHeaders, WorkerDetail, WorkerIdParams, WorkerInfo, WorkerList } from '@execops/contract';
import type { WorkerFleet } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestOperator } from '../operator.ts';
import { requestTenant } from '../tenant.ts';

const tags = ['workers'];
const actionResponses = { 200: WorkerInfo, 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope };
const conflict = 'Only a worker heartbeating recently can be drained or resumed: a stale or offline one answers 409.';

/** The worker fleet for operators (SPEC §6): every registered worker process, drain and resume (audited). */
export const workersRoutes: FastifyPluginAsyncZod<{ fleet: WorkerFleet }> = async (app, { fleet }) => {
  app.get(
    '/workers',
    { schema: { tags, summary: 'List workers with their state derived from heartbeat age', querystring: ListWorkersQuery, response: { 200: WorkerList, 400: ErrorEnvelope } } },
    async (request) => fleet.registry.list(request.query),
  );

  app.get(
    '/workers/:id',
    { schema: { tags, summary: 'One worker and the jobs it runs', params: WorkerIdParams, response: { 200: WorkerDetail, 404: ErrorEnvelope } } },
    async (request) => {
      const [worker, activeJobs] = await Promise.all([fleet.registry.get(request.params.id), fleet.registry.activeJobs(request.params.id)]);
      return { worker, activeJobs };
    },
  );

  app.post(
    '/workers/:id/drain',
    {
      schema: {
        tags,
        summary: 'Stop the worker claiming jobs; it finishes what it runs',
        description: conflict,
        params: WorkerIdParams,
        headers: OperatorHeaders,
        response: actionResponses,
      },
    },
    async (request) => fleet.drain(requestTenant(request), request.params.id, requestOperator(request)),
  );

  app.post(
    '/workers/:id/resume',
    { schema: { tags, summary: 'Let a drained worker claim jobs again', description: conflict, params: WorkerIdParams, headers: OperatorHeaders, response: actionResponses } },
    async (request) => fleet.resume(requestTenant(request), request.params.id, requestOperator(request)),
  );
};
