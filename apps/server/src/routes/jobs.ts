import {
  CancelJobResponse,
  EnqueueBatchRequest,
  EnqueueBatchResponse,
  EnqueueJobRequest,
  EnqueueJobResponse,
  ErrorEnvelope,
  JobDetail,
  JobIdParams,
  JobPage,
  ListJobsQuery,
  OperatorHeaders,
} from '@execops/contract';
import { JobNotFoundError, type EngineStore } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestOperator } from '../operator.ts';
import { requestTenant } from '../tenant.ts';

const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 413: ErrorEnvelope, 415: ErrorEnvelope, 422: ErrorEnvelope };

export const jobRoutes: FastifyPluginAsyncZod<{ store: EngineStore }> = async (app, { store }) => {
  app.post(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Enqueue a job',
        description: 'Returns 201 with the new job, or 200 with the unfinished job that already holds the idempotencyKey.',
        body: EnqueueJobRequest,
        response: { 200: EnqueueJobResponse, 201: EnqueueJobResponse, ...errors },
      },
    },
    async (request, reply) => {
      const [result] = await store.enqueueBatch(requestTenant(request), [request.body]);
      if (!result) throw new Error('enqueue returned no result');
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.post(
    '/jobs/batch',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Enqueue up to 1,000 jobs in one transaction',
        body: EnqueueBatchRequest,
        response: { 201: EnqueueBatchResponse, ...errors },
      },
    },
    async (request, reply) => {
      const results = await store.enqueueBatch(requestTenant(request), request.body.jobs);
      return reply.status(201).send({ results });
    },
  );

  app.get(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'List jobs, newest first, with filters and cursor paging',
        querystring: ListJobsQuery,
        response: { 200: JobPage, ...errors },
      },
    },
    async (request) => store.listJobs(requestTenant(request), request.query),
  );

  app.get(
    '/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'One job with its payload, result and attempts',
        params: JobIdParams,
        response: { 200: JobDetail, ...errors },
      },
    },
    async (request) => {
      const job = await store.getJob(requestTenant(request), request.params.id);
      if (!job) throw new JobNotFoundError(request.params.id);
      return job;
    },
  );

  app.post(
    '/jobs/:id/cancel',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Cancel a job',
        description: 'Unstarted jobs are canceled at once; a running job is told on its next heartbeat (outcome cancel_requested).',
        params: JobIdParams,
        headers: OperatorHeaders,
        response: { 200: CancelJobResponse, ...errors },
      },
    },
    async (request) => store.cancel(requestTenant(request), request.params.id, requestOperator(request)),
  );
};
