import { CreatePipelineRequest, CreatePipelineResponse, ErrorEnvelope, JobDag, JobIdParams } from '@execops/contract';
import { JobNotFoundError, type EngineStore } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestTenant } from '../tenant.ts';

const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 413: ErrorEnvelope, 415: ErrorEnvelope, 422: ErrorEnvelope };

export const dagRoutes: FastifyPluginAsyncZod<{ store: EngineStore }> = async (app, { store }) => {
  app.post(
    '/pipelines',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Create a dependency graph of up to 1,000 jobs in one transaction',
        description:
          'Nodes name each other by key in dependsOn. A cycle, an unknown key or a repeated key answers 422 naming them, and nothing is written.',
        body: CreatePipelineRequest,
        response: { 201: CreatePipelineResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await store.createPipeline(requestTenant(request), request.body)),
  );

  app.get(
    '/jobs/:id/dag',
    {
      schema: {
        tags: ['jobs'],
        summary: 'The dependency graph around a job',
        description: 'Its ancestors and descendants (at most 2,000, nearest first) with states, attempts, durations and the critical path.',
        params: JobIdParams,
        response: { 200: JobDag, ...errors },
      },
    },
    async (request) => {
      const dag = await store.getJobDag(requestTenant(request), request.params.id);
      if (!dag) throw new JobNotFoundError(request.params.id);
      return dag;
    },
  );
};
