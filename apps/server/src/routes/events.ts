import { ErrorEnvelope, EventsQuery, type StreamEvent } from '@execops/contract';
import { currentCursor, formatCursor, parseCursor, readEvents, type EventCursor, type FeedEvent, type Queryable } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerResponse } from 'node:http';
import { ApiError } from '../error-envelope.ts';
import { streamTenant } from '../tenant.ts';

const POLL_MS = 500;
const HEARTBEAT_MS = 15_000;
const BATCH = 1000;

/** Matches `jobs` (every event of the topic) or `runs:<id>` (one subject of it). */
function topicMatcher(topics: readonly string[]): (event: StreamEvent) => boolean {
  const whole = new Set(topics.filter((t) => !t.includes(':')));
  const narrowed = new Set(topics.filter((t) => t.includes(':')));
  return (event) => whole.has(event.topic) || narrowed.has(`${event.topic}:${event.subjectId}`);
}

function writeEvent(res: ServerResponse, event: FeedEvent): void {
  const { cursor, ...data } = event;
  // No `event:` line: every event reaches EventSource.onmessage, and its type is in the data.
  res.write(`id: ${formatCursor(cursor)}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Server-sent events of the tenant's chosen topics, from now or, with `Last-Event-ID`, from where the client left
 * off. One connection per console tab; comment lines keep proxies from closing an idle stream.
 */
export const eventRoutes: FastifyPluginAsyncZod<{ db: Queryable }> = async (app, { db }) => {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of open) close();
  });

  app.get(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Live events (text/event-stream); resume with Last-Event-ID',
        querystring: EventsQuery,
        response: { 400: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const tenant = streamTenant(request);
      const header = request.headers['last-event-id'];
      const lastEventId = typeof header === 'string' ? header : request.query.lastEventId;
      let cursor: EventCursor | null = typeof lastEventId === 'string' ? parseCursor(lastEventId) : await currentCursor(db);
      if (!cursor) throw new ApiError(400, 'invalid_cursor', 'Last-Event-ID is not an id this server sent');
      const matches = topicMatcher(request.query.topics);

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-trace-id': request.id,
      });
      res.write('retry: 2000\n\n');

      let closed = false;
      let timer: NodeJS.Timeout | undefined;
      let lastWrite = Date.now();
      const close = () => {
        if (closed) return;
        closed = true;
        clearTimeout(timer);
        open.delete(close);
        res.end();
      };
      open.add(close);
      request.raw.on('close', close);

      const poll = async () => {
        try {
          for (;;) {
            const events: FeedEvent[] = await readEvents(db, cursor as EventCursor, BATCH);
            if (closed) return;
            for (const event of events) {
              if (event.tenant === tenant && matches(event)) {
                writeEvent(res, event);
                lastWrite = Date.now();
              }
            }
            const last = events.at(-1);
            if (last) cursor = last.cursor;
            if (events.length < BATCH) break;
          }
          if (Date.now() - lastWrite >= HEARTBEAT_MS) {
            res.write(': keep-alive\n\n');
            lastWrite = Date.now();
          }
        } catch (error) {
          request.log.warn({ err: error }, 'event stream read failed; retrying');
        }
        if (!closed) timer = setTimeout(() => void poll(), POLL_MS);
      };
      void poll();
    },
  );
};
