import { LeaseJobsResponse, RegisterWorkerResponse, type JobError } from '@execops/contract';
import { expect } from 'vitest';
import type { AppFixture } from './app-fixture.ts';

export const PERMANENT: JobError = { code: 'bad_input', message: 'order 17 has no customer', class: 'permanent', retryable: false };

/** Dead-letters real jobs through the worker protocol: enqueue (one attempt each), lease, fail. */
export function deadLetterHelpers(fx: () => AppFixture) {
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fx().app.inject({ method: 'POST', url: `/api/v1${url}`, payload: body as object, headers });

  async function failJobs(jobType: string, count: number, error: JobError = PERMANENT, tenant = 'default'): Promise<string[]> {
    const enqueued = await post('/jobs/batch', { jobs: Array.from({ length: count }, (_, n) => ({ jobType, payload: { n }, maxAttempts: 1 })) }, { 'x-tenant': tenant });
    expect(enqueued.statusCode).toBe(201);
    const registered = RegisterWorkerResponse.parse(
      (await post('/worker/register', { name: 'dlq-test', host: 'test', jobTypes: [jobType], concurrency: count })).json(),
    );
    const { jobs } = LeaseJobsResponse.parse((await post('/worker/lease', { workerId: registered.workerId, jobTypes: [jobType], limit: count })).json());
    expect(jobs).toHaveLength(count);
    for (const job of jobs) {
      const failed = await post(`/worker/jobs/${job.jobId}/fail`, { leaseId: job.leaseId, error });
      expect(failed.json()).toMatchObject({ state: 'failed' });
    }
    return jobs.map((j) => j.jobId);
  }

  /** The entry ids of a job type, newest first. */
  async function entryIds(jobType: string, tenant = 'default'): Promise<string[]> {
    const res = await fx().app.inject({ url: `/api/v1/dead-letter?jobType=${jobType}&limit=500`, headers: { 'x-tenant': tenant } });
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: Array<{ id: string }> }).items.map((e) => e.id);
  }

  return { post, failJobs, entryIds };
}
