import {
  canonicalRoutes,
  CancelJobResponse,
  EnqueueJobResponse,
  ErrorEnvelope,
  JobDetail,
  JobPage,
  type EnqueueJobRequest,
  type ListJobsQueryInput,
} from '@execops/contract';
import type { z } from 'zod';
import { ApiError } from './api-error.ts';
import { operatorHeaders, type OperatorReason } from '../features/operator/operator-reason.ts';
import { currentTenant } from '../tenant/current-tenant.ts';

export { ApiError } from './api-error.ts';

export const API_BASE = '/api/v1';

/** The console session's CSRF token; every mutation sends it in `X-CSRF-Token` (set once the session is read). */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Where the API's 401 sends the browser: the login page, which returns here (query and fragment kept) after. */
export function loginHref(returnTo: string): string {
  return `${canonicalRoutes.login}${toQueryString({ redirect: returnTo })}`;
}

function redirectToLogin(): void {
  const { pathname, search, hash } = window.location;
  if (pathname === canonicalRoutes.login) return;
  window.location.assign(loginHref(`${pathname}${search}${hash}`));
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Bytes sent as they are (`application/octet-stream`): an uploaded file. */
  file?: Blob;
  headers?: Record<string, string>;
}

/**
 * Calls the API and checks the answer against the contract's schema; every failure (network, error envelope,
 * unexpected shape) is an `ApiError`. Area modules (`api/*-api.ts`) build on this.
 */
export async function request<T>(schema: z.ZodType<T>, path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const response = await send(path, { method, headers: requestHeaders(method, options, 'application/json'), body: requestBody(options) });
  const body = await readJson(response);
  if (!response.ok) throw errorFrom(response, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(response.status, 'invalid_response', `Unexpected response from ${path}: ${parsed.error.message}`, null);
  }
  return parsed.data;
}

function requestHeaders(method: string, options: RequestOptions, accept: string): Record<string, string> {
  const headers: Record<string, string> = { Accept: accept, ...options.headers };
  if (options.file !== undefined) headers['Content-Type'] = 'application/octet-stream';
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  return headers;
}

function requestBody(options: RequestOptions): BodyInit | undefined {
  if (options.file !== undefined) return options.file;
  return options.body === undefined ? undefined : JSON.stringify(options.body);
}

/**
 * `fetch` under /api/v1 for the console's current tenant (`X-Tenant`); a transport failure is an `ApiError` with
 * code network_error. For answers that are not JSON.
 */
async function send(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, { ...init, headers: { ...init.headers, 'X-Tenant': currentTenant() } });
  } catch (cause) {
    throw new ApiError(0, 'network_error', `The API could not be reached: ${describe(cause)}`, null);
  }
  // Signed out (session expired, token revoked): sign in again and come back. The login call's own 401 is a form error.
  if (response.status === 401 && !path.startsWith('/auth/')) redirectToLogin();
  return response;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A downloaded file: its name (the server's Content-Disposition when it sends one) and content. */
export interface DownloadedFile {
  filename: string;
  blob: Blob;
}

/** Fetches a file (an export; GET unless `options` say otherwise); a refusal is an `ApiError` like any other call's. */
export async function downloadFile(path: string, fallbackName: string, options: RequestOptions = {}): Promise<DownloadedFile> {
  const method = options.method ?? 'GET';
  const response = await send(path, { method, headers: requestHeaders(method, options, '*/*'), body: requestBody(options) });
  if (!response.ok) throw errorFrom(response, await readJson(response));
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  return { filename, blob: await response.blob() };
}

export function errorFrom(response: Response, body: unknown): ApiError {
  const envelope = ErrorEnvelope.safeParse(body);
  if (envelope.success) {
    const { code, message, traceId, details } = envelope.data.error;
    return new ApiError(response.status, code, message, traceId, details);
  }
  const statusText = response.statusText || 'request failed';
  return new ApiError(response.status, `http_${response.status}`, `HTTP ${response.status}: ${statusText}`, null);
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** `?a=1&b=x,y` from the defined values; arrays become the API's comma-separated lists. */
export function toQueryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const jobPath = (jobId: string) => `/jobs/${encodeURIComponent(jobId)}`;

export const jobsApi = {
  list: (query: ListJobsQueryInput) => request(JobPage, `/jobs${toQueryString(query)}`),
  get: (jobId: string) => request(JobDetail, jobPath(jobId)),
  enqueue: (job: EnqueueJobRequest) => request(EnqueueJobResponse, '/jobs', { method: 'POST', body: job }),
  cancel: (jobId: string, operator: OperatorReason) =>
    request(CancelJobResponse, `${jobPath(jobId)}/cancel`, { method: 'POST', headers: operatorHeaders(operator) }),
};
