import { expect } from 'vitest';

export interface ReceivedEvent {
  id: string;
  data: unknown;
  /** The event's lines as sent. */
  block: string;
}

/**
 * Opens a server-sent event stream with a real HTTP client, runs `act` once it answered, and collects events
 * until `count` arrived (or the 8 s hang guard passed, leaving fewer for the assertions to report).
 */
export async function collectEvents(url: string, count: number, headers: Record<string, string> = {}, act?: () => Promise<void>): Promise<ReceivedEvent[]> {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), 8000);
  const res = await fetch(url, { headers, signal: controller.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const received: ReceivedEvent[] = [];
  let buffer = '';
  await act?.();
  try {
    while (received.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (id && data) received.push({ id, data: JSON.parse(data), block });
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timeout);
    controller.abort();
  }
  return received;
}
