import { HttpRequestPayload, type HttpRequestResult } from '@execops/contract';
import { PermanentJobError, type JobContext } from '../runtime/job-handler.ts';
import { parsePayload } from './parse-payload.ts';

const PREVIEW_CHARS = 1024;

/** Statuses worth retrying: the server may answer differently later. Any other unexpected status fails at once. */
const isTransientStatus = (status: number) => status === 408 || status === 425 || status === 429 || status >= 500;

export class HttpStatusError extends Error {
  readonly code = 'http_status';
  constructor(readonly status: number) {
    super(`unexpected HTTP status ${status}`);
    this.name = 'HttpStatusError';
  }
}

/** `http.request`: calls a URL with a time limit and records status, timing and the start of the body. */
export async function runHttpRequest(context: JobContext): Promise<HttpRequestResult> {
  const request = parsePayload(HttpRequestPayload, context.payload);
  const started = performance.now();
  let response: Response;
  let body: string;
  // Not AbortSignal.timeout(): inside AbortSignal.any() Node may collect it before it fires (nodejs/node#57736).
  // The timer holds this controller until it fires or is cleared.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), request.timeoutMs);
  try {
    response = await fetch(request.url, {
      method: request.method,
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.body !== undefined ? { body: request.body } : {}),
      redirect: 'follow',
      signal: AbortSignal.any([context.signal, deadline.signal]),
    });
    body = await response.text();
  } catch (error) {
    if (context.signal.aborted) throw error;
    const reason = deadline.signal.aborted ? `no answer within ${request.timeoutMs} ms` : describe(error);
    throw Object.assign(new Error(`${request.method} ${request.url} failed: ${reason}`), { code: 'http_unreachable' });
  } finally {
    clearTimeout(timer);
  }
  const result: HttpRequestResult = {
    status: response.status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    contentType: response.headers.get('content-type'),
    bodyBytes: Buffer.byteLength(body, 'utf8'),
    bodyPreview: body.slice(0, PREVIEW_CHARS),
  };
  const expected = request.expectStatus ? request.expectStatus.includes(response.status) : response.ok;
  if (expected) return result;
  if (isTransientStatus(response.status) && !request.expectStatus) throw new HttpStatusError(response.status);
  throw new PermanentJobError(`${request.method} ${request.url} answered ${response.status}`, 'http_status');
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : error.message;
  }
  return String(error);
}
