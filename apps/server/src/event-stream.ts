import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const POLL_MS = 500;
const HEARTBEAT_MS = 15_000;

/** One server-sent event: `id` is the client's resume cursor; `data` is sent as JSON. */
export interface SentEvent {
  id: string;
  data: unknown;
}

/** What one read of the source found; `more` asks for another read at once (the read was cut at its limit). */
export interface SentBatch {
  events: SentEvent[];
  more: boolean;
}

/** Stream routes take the tenant and resume id in the query too, because `EventSource` cannot send headers. */
export interface StreamQuery {
  tenant?: string | undefined;
  lastEventId?: string | undefined;
}

/** The id to resume after: the `Last-Event-ID` header (sent by a reconnecting EventSource) wins over `?lastEventId=`. */
export function streamLastEventId(request: FastifyRequest<{ Querystring: StreamQuery }>): string | undefined {
  const header = request.headers['last-event-id'];
  return typeof header === 'string' ? header : request.query.lastEventId;
}

/** The streams open on this server, ended by `preClose` so closing the server does not wait for clients. */
export function openStreams(app: FastifyInstance): Set<() => void> {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of open) close();
  });
  return open;
}

/**
 * Answers the request with a text/event-stream fed by polling `read` every 500 ms until the client goes, the
 * server closes or the request's credential stops being valid (a revoked token, a signed-out session); comment lines every 15 s keep proxies from closing an idle stream. Call it after every check that
 * may refuse the request: from here on the answer is 200.
 */
export function serveEventStream(request: FastifyRequest, reply: FastifyReply, open: Set<() => void>, read: () => Promise<SentBatch>): void {
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
      if (request.credentialStillValid && !(await request.credentialStillValid())) {
        close();
        return;
      }
      for (;;) {
        const batch = await read();
        if (closed) return;
        for (const event of batch.events) {
          // No `event:` line: every event reaches EventSource.onmessage, and its type is in the data.
          res.write(`id: ${event.id}\ndata: ${JSON.stringify(event.data)}\n\n`);
          lastWrite = Date.now();
        }
        if (!batch.more) break;
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
}
