import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ErrorEnvelope } from '@execops/contract';
import type { z } from 'zod';

export class CliError extends Error {
  override name = 'CliError';
}

type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** A JSON body, or raw bytes with their content type (an upload). */
interface RequestInit {
  body?: unknown;
  raw?: { data: Buffer; contentType: string };
  headers?: Record<string, string>;
}

export interface ApiClientOptions {
  baseUrl: string;
  tenant: string;
  /** An API token (`--token`, EXECOPS_TOKEN); without one the server answers 401. */
  token: string | undefined;
}

/** A thin client of the execops HTTP API that validates every answer against the shared contract. */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  async request<T extends z.ZodType>(
    schema: T,
    method: HttpMethod,
    path: string,
    init: RequestInit = {},
  ): Promise<z.infer<T>> {
    const { url, response } = await this.send(method, path, init);
    const text = await response.text();
    const json: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) throw refusal(url, response.status, text, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new CliError(`unexpected answer from ${url.pathname}: ${parsed.error.message}`);
    return parsed.data;
  }

  /** Streams an answer (an export) into `out` without holding it in memory; returns the bytes written. */
  async download(path: string, out: string, init: RequestInit & { method?: HttpMethod } = {}): Promise<number> {
    const { url, response } = await this.send(init.method ?? 'GET', path, init);
    if (!response.ok || !response.body) {
      const text = await response.text();
      throw refusal(url, response.status, text, text ? safeJson(text) : undefined);
    }
    const file = createWriteStream(out);
    await pipeline(Readable.fromWeb(response.body), file);
    return file.bytesWritten;
  }

  private async send(method: HttpMethod, path: string, init: RequestInit = {}) {
    const url = new URL(`/api/v1${path}`, this.options.baseUrl);
    const headers: Record<string, string> = { 'X-Tenant': this.options.tenant, ...init.headers };
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.raw) headers['Content-Type'] = init.raw.contentType;
    const body = init.raw ? new Uint8Array(init.raw.data) : init.body === undefined ? undefined : JSON.stringify(init.body);
    try {
      const response = await fetch(url, { method, headers, body });
      return { url, response };
    } catch (error) {
      throw new CliError(
        `cannot reach execops at ${this.options.baseUrl} (${(error as Error).cause ?? (error as Error).message}); ` +
          'is `execops start` running? Set --server or EXECOPS_URL to point elsewhere',
      );
    }
  }
}

/** The API's refusal as the CLI reports it: message, code, status and traceId. */
function refusal(url: URL, status: number, text: string, json: unknown): CliError {
  const envelope = ErrorEnvelope.safeParse(json);
  if (envelope.success) {
    const { message, code, traceId } = envelope.data.error;
    const hint = status === 401 ? '; pass --token or set EXECOPS_TOKEN (execops start prints the admin token on its first start)' : '';
    return new CliError(`${message} (${code}, HTTP ${status}, traceId ${traceId})${hint}`);
  }
  return new CliError(`HTTP ${status} from ${url.pathname}: ${text.slice(0, 200)}`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
