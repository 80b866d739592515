import { ErrorEnvelope, EventsQuery, hasScope, topicScope, type StreamEvent } from '@execops/contract';
import { currentCursor, formatCursor, parseCursor, readEvents, type EventCursor, type Queryable } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestAuth, type RequestAuth } from '../auth/request-auth.ts';
import { ApiError } from '../error-envelope.ts';
import { openStreams, serveEventStream, streamLastEventId } from '../event-stream.ts';
import { streamTenant } from '../tenant.ts';

const BATCH = 1000;

/** Matches `jobs` (every event of the topic) or `runs:<id>` (one subject of it). */
function topicMatcher(topics: readonly string[]): (event: StreamEvent) => boolean {
  const whole = new Set(topics.filter((t) => !t.includes(':')));
  const narrowed = new Set(topics.filter((t) => t.includes(':')));
  return (event) => whole.has(event.topic) || narrowed.has(`${event.topic}:${event.subjectId}`);
}

/**
 * The topics the caller's token may read (`scans` needs scanner:read, see `topicScope`). The console's one stream
 * carries the topics of every page open in the tab, so a topic the token cannot read is left out rather than
 * refusing the stream; a stream left with no topic is refused.
 */
function readableTopics(topics: readonly string[], auth: RequestAuth): string[] {
  const readable = topics.filter((topic) => hasScope(auth.token.scopes, topicScope(topic)));
  if (readable.length === 0) {
    const needed = [...new Set(topics.map(topicScope))].join(', ');
    throw new ApiError(403, 'forbidden', `token "${auth.token.name}" lacks the scope to read these topics (needs ${needed})`);
  }
  return readable;
}

/**
 * Server-sent events of the tenant's chosen topics, from now or, with `Last-Event-ID`, from where the client left
 * off. One connection per console tab.
 */
export const eventRoutes: FastifyPluginAsyncZod<{ db: Queryable }> = async (app, { db }) => {
  const open = openStreams(app);

  app.get(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Live events (text/event-stream); resume with Last-Event-ID',
        querystring: EventsQuery,
        response: { 400: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const tenant = streamTenant(request);
      const lastEventId = streamLastEventId(request);
      let cursor: EventCursor | null = typeof lastEventId === 'string' ? parseCursor(lastEventId) : await currentCursor(db);
      if (!cursor) throw new ApiError(400, 'invalid_cursor', 'Last-Event-ID is not an id this server sent');
      const matches = topicMatcher(readableTopics(request.query.topics, requestAuth(request)));

      serveEventStream(request, reply, open, async () => {
        const events = await readEvents(db, cursor as EventCursor, BATCH);
        const last = events.at(-1);
        if (last) cursor = last.cursor;
        const sent = events
          .filter((event) => event.tenant === tenant && matches(event))
          .map(({ cursor: at, ...data }) => ({ id: formatCursor(at), data }));
        return { events: sent, more: events.length === BATCH };
      });
    },
  );
};
