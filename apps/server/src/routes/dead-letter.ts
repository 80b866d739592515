import { Readable } from 'node:stream';
import {
  BulkDeadLetterResponse,
  BulkOperatorHeaders,
  BulkReplayDeadLetterRequest,
  BulkResolveDeadLetterRequest,
  DeadLetterEntry,
  DeadLetterExportQuery,
  DeadLetterEntryDetail,
  DeadLetterIdParams,
  DeadLetterPage,
  DeadLetterStats,
  ErrorEnvelope,
  ListDeadLetterQuery,
  OperatorHeaders,
  ReplayDeadLetterRequest,
  ReplayDeadLetterResponse,
  ResolveDeadLetterRequest,
} from '@execops/contract';
import type { DeadLetterQueue, DeadLetterSelection } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPORT_CONTENT_TYPES, exportChunks } from '../dead-letter-export.ts';
import { bulkRun, requestOperator } from '../operator.ts';
import { requestTenant } from '../tenant.ts';

const tags = ['dead-letter'];
const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };

function selectionOf(body: { ids?: string[] | undefined; filter?: BulkReplayDeadLetterRequest['filter'] }): DeadLetterSelection {
  return body.ids ? { ids: body.ids } : { filter: body.filter ?? {} };
}

const bulkDescription =
  'Select entries by ids (≤ 1,000) or by the queue filters (≤ 5,000 matches, else 422 too_many_jobs). One transaction with its audit rows. With dryRun the answer only counts, and no X-Operator-Reason is needed.';

const ReplayHeaders = OperatorHeaders.extend({
  'idempotency-key': z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('the same key for the same entry returns the job it already created (created: false) and writes nothing'),
});

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

  app.post(
    '/dead-letter/:id/replay',
    {
      schema: {
        tags,
        summary: 'Replay an entry: a new job (replayOf the failed job, ahead of it by default); the entry becomes replayed',
        description: 'An entry can be replayed again while it is not resolved; each replay is appended to replayedJobIds. 201 when a job was created, 200 when the Idempotency-Key had already replayed the entry.',
        params: DeadLetterIdParams,
        headers: ReplayHeaders,
        body: ReplayDeadLetterRequest.nullish(),
        response: { 200: ReplayDeadLetterResponse, 201: ReplayDeadLetterResponse, ...errors },
      },
    },
    async (request, reply) => {
      const result = await queue.replay(requestTenant(request), request.params.id, requestOperator(request), {
        priority: request.body?.priority,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.post(
    '/dead-letter/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve an entry with a note (terminal: a resolved entry is neither replayed nor resolved again)',
        description: 'The note is in the body; the ticket (X-Operator-Ticket) and the operator are recorded with it.',
        params: DeadLetterIdParams,
        headers: OperatorHeaders,
        body: ResolveDeadLetterRequest,
        response: { 200: DeadLetterEntry, ...errors },
      },
    },
    async (request) => queue.resolve(requestTenant(request), request.params.id, request.body.note, requestOperator(request)),
  );

  app.post(
    '/dead-letter/bulk/replay',
    {
      schema: {
        tags,
        summary: 'Replay many entries (open or replayed), one new job each',
        description: bulkDescription,
        headers: BulkOperatorHeaders,
        body: BulkReplayDeadLetterRequest,
        response: { 200: BulkDeadLetterResponse, ...errors },
      },
    },
    async (request) =>
      queue.bulkReplay(requestTenant(request), selectionOf(request.body), bulkRun(request, request.body.dryRun), request.body.priority),
  );

  app.post(
    '/dead-letter/bulk/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve many entries with one note',
        description: bulkDescription,
        headers: BulkOperatorHeaders,
        body: BulkResolveDeadLetterRequest,
        response: { 200: BulkDeadLetterResponse, ...errors },
      },
    },
    async (request) =>
      queue.bulkResolve(requestTenant(request), selectionOf(request.body), bulkRun(request, request.body.dryRun), request.body.note),
  );

  app.get(
    '/dead-letter/export',
    {
      schema: {
        tags,
        summary: 'The entries matching the filters as CSV, a JSON array or NDJSON, streamed (a download)',
        querystring: DeadLetterExportQuery,
        response: { 200: z.string().describe('text/csv, application/json or application/x-ndjson'), 400: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const tenant = requestTenant(request);
      const { format, ...filter } = request.query;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      reply.header('content-disposition', `attachment; filename="dead-letter-${tenant}-${stamp}.${format}"`);
      reply.type(EXPORT_CONTENT_TYPES[format]);
      const body = Readable.from(exportChunks(queue.exportBatches(tenant, filter), format));
      // Fastify pipes a stream as it is (no serializer), so the documented string type does not describe it.
      return reply.send(body as unknown as string);
    },
  );
};
