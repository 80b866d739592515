import { expect, type APIRequestContext } from '@playwright/test';

/** Time plus randomness: unique across parallel workers and reruns against the same database. */
export const uniqueSuffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A job type no built-in worker handles, so its jobs wait until the test acts on them (e.g. `e2e.detail-…`). */
export const unhandledJobType = (prefix: string) => `e2e.${prefix}-${uniqueSuffix()}`;

/** POSTs to /api/v1`path` (no body when `data` is undefined), expects `status` (the answer's text explains a mismatch) and answers the body. */
export async function apiPost<T>(
  request: APIRequestContext,
  path: string,
  data: Record<string, unknown> | undefined,
  status = 200,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await request.post(`/api/v1${path}`, { headers, ...(data ? { data } : {}) });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(status);
  return (await res.json()) as T;
}

/** GETs /api/v1`path`, expects 200 and answers the body. */
export async function apiGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(`/api/v1${path}`);
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/** Enqueues one job; answers its id. */
export async function enqueue(request: APIRequestContext, body: Record<string, unknown>): Promise<string> {
  return (await apiPost<{ job: { id: string } }>(request, '/jobs', body, 201)).job.id;
}

/** Enqueues the jobs in one batch; answers their ids in order. */
export async function enqueueBatch(request: APIRequestContext, jobs: Array<Record<string, unknown>>): Promise<string[]> {
  const { results } = await apiPost<{ results: Array<{ job: { id: string } }> }>(request, '/jobs/batch', { jobs }, 201);
  return results.map((r) => r.job.id);
}
