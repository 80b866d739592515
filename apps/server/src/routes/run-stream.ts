import { ErrorEnvelope, RunParams, RunStreamEvent, RunStreamQuery } from '@execops/contract';
import { parseRunStreamCursor, RunStream, type Queryable } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../error-envelope.ts';
import { openStreams, serveEventStream, streamLastEventId } from '../event-stream.ts';
import { streamTenant } from '../tenant.ts';

/** Event rows read per poll; a long backlog is sent in reads of this many without waiting between them. */
const BATCH = 500;

/**
 * One run's history and live changes as server-sent events: `stateChanged`, `progress`, `jobChanged`, `log` (and
 * `runEvent` for the run's own events), resumable with `Last-Event-ID`.
 */
export const runStreamRoutes: FastifyPluginAsyncZod<{ db: Queryable }> = async (app, { db }) => {
  const open = openStreams(app);

  app.get(
    '/runs/:id/stream',
    {
      schema: {
        tags: ['scheduler'],
        summary: "A run's events (text/event-stream): the whole history first, then live; resume with Last-Event-ID",
        description:
          'Each event has no `event:` line; its `data` is a RunStreamEvent whose `type` is stateChanged, progress, jobChanged, log or runEvent, ' +
          'and its `id` (also in the data) resumes exactly after it. The stream stays open after the run finishes (a retry may revive it).',
        params: RunParams,
        querystring: RunStreamQuery,
        response: { 200: RunStreamEvent.describe('text/event-stream: the data of each event'), 400: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const tenant = streamTenant(request);
      const lastEventId = streamLastEventId(request);
      const after = lastEventId === undefined ? null : parseRunStreamCursor(lastEventId);
      if (lastEventId !== undefined && !after) throw new ApiError(400, 'invalid_cursor', 'Last-Event-ID is not an id of a run stream');
      // Unknown runs get their 404 here, before the stream starts.
      const stream = await RunStream.open(db, tenant, request.params.id, after);
      serveEventStream(request, reply, open, async () => {
        const { items, more } = await stream.next(BATCH);
        return { events: items.map((item) => ({ id: item.id, data: item })), more };
      });
    },
  );
};
