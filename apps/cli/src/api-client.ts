import { ErrorEnvelope } from '@execops/contract';
import type { z } from 'zod';

export class CliError extends Error {
  override name = 'CliError';
}

export interface ApiClientOptions {
  baseUrl: string;
  tenant: string;
}

/** A thin client of the execops HTTP API that validates every answer against the shared contract. */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  async request<T extends z.ZodType>(
    schema: T,
    method: 'GET' | 'POST',
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<z.infer<T>> {
    const url = new URL(`/api/v1${path}`, this.options.baseUrl);
    const headers: Record<string, string> = { 'X-Tenant': this.options.tenant, ...init.headers };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    } catch (error) {
      throw new CliError(
        `cannot reach execops at ${this.options.baseUrl} (${(error as Error).cause ?? (error as Error).message}); ` +
          'is `execops start` running? Set --server or EXECOPS_URL to point elsewhere',
      );
    }
    const text = await response.text();
    const json: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const envelope = ErrorEnvelope.safeParse(json);
      if (envelope.success)
        throw new CliError(`${envelope.data.error.message} (${envelope.data.error.code}, HTTP ${response.status}, traceId ${envelope.data.error.traceId})`);
      throw new CliError(`HTTP ${response.status} from ${url.pathname}: ${text.slice(0, 200)}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new CliError(`unexpected answer from ${url.pathname}: ${parsed.error.message}`);
    return parsed.data;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
