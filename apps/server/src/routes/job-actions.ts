import {
  BulkJobsRequest,
  BulkJobsResponse,
  BulkOperatorHeaders,
  BulkPriorityRequest,
  ChangePriorityRequest,
  ChangePriorityResponse,
  ErrorEnvelope,
  JobIdParams,
  OperatorHeaders,
  ReplayJobRequest,
  ReplayJobResponse,
} from '@execops/contract';
import type { BulkSelection, JobOperations } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bulkRun, requestOperator } from '../operator.ts';
import { requestTenant } from '../tenant.ts';

const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };

function selectionOf(body: { ids?: string[] | undefined; filter?: BulkJobsRequest['filter'] }): BulkSelection {
  return body.ids ? { ids: body.ids } : { filter: body.filter ?? {} };
}

/** Operator actions on jobs: replay, priority, and bulk cancel/replay/priority by ids or by filter (with dry run). */
export const jobActionRoutes: FastifyPluginAsyncZod<{ operations: JobOperations }> = async (app, { operations }) => {
  app.post(
    '/jobs/:id/replay',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Replay a finished job as a new job (replayOf), ahead of the original by default',
        description:
          'With withDownstream the new job takes the original’s place in its DAG: it gets copies of the original’s ' +
          'parent edges (and waits for them like any child), the original’s children now depend on it, and ' +
          'descendants skipped because of the original go back to blocked (resetJobIds) and run once it succeeds. ' +
          'For a job without edges withDownstream is a plain replay with empty resetJobIds. Bulk replay never ' +
          'touches the graph.',
        params: JobIdParams,
        headers: OperatorHeaders,
        body: ReplayJobRequest.nullish(),
        response: { 201: ReplayJobResponse, ...errors },
      },
    },
    async (request, reply) => {
      const result = await operations.replay(requestTenant(request), request.params.id, requestOperator(request), {
        priority: request.body?.priority,
        withDownstream: request.body?.withDownstream,
      });
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/jobs/:id/priority',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Change the priority of a job that has not started',
        params: JobIdParams,
        headers: OperatorHeaders,
        body: ChangePriorityRequest,
        response: { 200: ChangePriorityResponse, ...errors },
      },
    },
    async (request) =>
      operations.changePriority(requestTenant(request), request.params.id, request.body.priority, requestOperator(request)),
  );

  const bulkDescription =
    'Select jobs by ids (≤ 1,000) or by the listing filters (≤ 5,000 matches, else 422). With dryRun the answer only counts, and no X-Operator-Reason is needed.';

  app.post(
    '/jobs/bulk/cancel',
    {
      schema: { tags: ['jobs'], summary: 'Cancel many jobs', description: bulkDescription, headers: BulkOperatorHeaders, body: BulkJobsRequest, response: { 200: BulkJobsResponse, ...errors } },
    },
    async (request) =>
      operations.bulkCancel(requestTenant(request), selectionOf(request.body), bulkRun(request, request.body.dryRun)),
  );

  app.post(
    '/jobs/bulk/replay',
    {
      schema: { tags: ['jobs'], summary: 'Replay many finished jobs', description: bulkDescription, headers: BulkOperatorHeaders, body: BulkJobsRequest, response: { 200: BulkJobsResponse, ...errors } },
    },
    async (request) =>
      operations.bulkReplay(requestTenant(request), selectionOf(request.body), bulkRun(request, request.body.dryRun)),
  );

  app.post(
    '/jobs/bulk/priority',
    {
      schema: { tags: ['jobs'], summary: 'Change the priority of many waiting jobs', description: bulkDescription, headers: BulkOperatorHeaders, body: BulkPriorityRequest, response: { 200: BulkJobsResponse, ...errors } },
    },
    async (request) =>
      operations.bulkPriority(requestTenant(request), selectionOf(request.body), request.body.priority, bulkRun(request, request.body.dryRun)),
  );
};
