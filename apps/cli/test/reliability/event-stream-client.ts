import { StreamEvent } from '@execops/contract';
import { TEST_ADMIN_TOKEN } from '@execops/engine/testing';

/** A server-sent event stream read in the background until `close()`; `events` grows as they arrive. */
export interface OpenStream {
  events: StreamEvent[];
  close(): void;
}

/** Opens `/api/v1/events?topics=…` on a server and collects its events; resolves once the server answered. */
export async function openEventStream(baseUrl: string, topics: string): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/events?topics=${topics}`, {
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`event stream on ${baseUrl}: HTTP ${res.status}`);
  const events: StreamEvent[] = [];
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = /^data: (.+)$/m.exec(buffer.slice(0, end))?.[1];
        buffer = buffer.slice(end + 2);
        if (data) events.push(StreamEvent.parse(JSON.parse(data)));
      }
    }
  })().catch(() => undefined); // ends with the abort, or when the server goes away
  return { events, close: () => controller.abort() };
}
