import { expect, type APIRequestContext } from '@playwright/test';
import { apiPost } from './api.ts';

/** The tests act as an external worker speaking the HTTP worker protocol, as an SDK in another language would. */

export interface Lease {
  jobId: string;
  leaseId: string;
}

export interface JobFailure {
  code: string;
  message: string;
  class: 'transient' | 'permanent';
  retryable: boolean;
  stack?: string;
}

interface WorkerSpec {
  /** The worker's name, as the console shows it. */
  name: string;
  jobType: string;
  concurrency?: number;
  /** More registration fields (host, pid, version, labels) for tests that look at them. */
  details?: Record<string, unknown>;
}

export async function registerWorker(request: APIRequestContext, { name, jobType, concurrency = 1, details }: WorkerSpec): Promise<string> {
  const body = { name, host: 'e2e', jobTypes: [jobType], concurrency, ...details };
  return (await apiPost<{ workerId: string }>(request, '/worker/register', body, 201)).workerId;
}

/** Leases exactly `count` jobs of `jobType`; `waitMs` lets the server wait for them to become runnable. */
export async function leaseJobs(
  request: APIRequestContext,
  workerId: string,
  jobType: string,
  count: number,
  waitMs?: number,
): Promise<Lease[]> {
  const { jobs } = await apiPost<{ jobs: Lease[] }>(request, '/worker/lease', {
    workerId,
    jobTypes: [jobType],
    limit: count,
    ...(waitMs === undefined ? {} : { waitMs }),
  });
  expect(jobs).toHaveLength(count);
  return jobs;
}

export const failLease = (request: APIRequestContext, { jobId, leaseId }: Lease, error: JobFailure) =>
  apiPost<{ state: string }>(request, `/worker/jobs/${jobId}/fail`, { leaseId, error });

export const completeLease = (request: APIRequestContext, { jobId, leaseId }: Lease, result?: unknown) =>
  apiPost(request, `/worker/jobs/${jobId}/complete`, { leaseId, result });

/** Registers a worker and leases the next job of `jobType`; answers what that worker can do with it. */
export async function leaseOne(request: APIRequestContext, worker: WorkerSpec) {
  const workerId = await registerWorker(request, worker);
  const [lease] = (await leaseJobs(request, workerId, worker.jobType, 1, 5_000)) as [Lease];
  const { jobId, leaseId } = lease;
  return {
    jobId,
    workerId,
    log: (lines: Array<Record<string, unknown>>) => apiPost(request, `/worker/jobs/${jobId}/log`, { leaseId, lines }),
    artifact: (artifact: Record<string, unknown>) => apiPost(request, `/worker/jobs/${jobId}/artifact`, { leaseId, ...artifact }),
    fail: (error: JobFailure) => failLease(request, lease, error),
    complete: (result: unknown) => completeLease(request, lease, result),
  };
}

/** Leases all `count` waiting jobs of `jobType` and fails each with `error`. */
export async function failAllAsWorker(request: APIRequestContext, worker: WorkerSpec & { count: number; error: JobFailure }) {
  const workerId = await registerWorker(request, { ...worker, concurrency: worker.count });
  for (const lease of await leaseJobs(request, workerId, worker.jobType, worker.count)) {
    await failLease(request, lease, worker.error);
  }
}
