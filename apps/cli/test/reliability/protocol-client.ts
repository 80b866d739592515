import { TEST_ADMIN_TOKEN } from '@execops/engine/testing';
import { JobDetail, JobPage, LeaseJobsResponse, RegisterWorkerResponse, type JobSummary, type LeasedJob } from '@execops/contract';

/**
 * Raw calls of the API and the worker protocol for the reliability tests: each resolves only when the server
 * answered with success, so "acknowledged" is exactly "this promise resolved".
 */
export class ProtocolClient {
  constructor(readonly url: string) {}

  async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    const res = await fetch(`${this.url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...headers },
      body: JSON.stringify(body),
    });
    const answer: unknown = await res.json();
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  }

  async get(path: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.url}/api/v1${path}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    return { status: res.status, body: await res.json() };
  }

  async enqueue(jobType: string): Promise<string> {
    return ((await this.post('/jobs', { jobType })) as { job: { id: string } }).job.id;
  }

  async register(jobTypes: string[]): Promise<string> {
    const answer = await this.post('/worker/register', { name: 'reliability', host: 'test', jobTypes, concurrency: 10 });
    return RegisterWorkerResponse.parse(answer).workerId;
  }

  async lease(workerId: string, jobTypes: string[], leaseSeconds: number): Promise<LeasedJob[]> {
    return LeaseJobsResponse.parse(await this.post('/worker/lease', { workerId, jobTypes, limit: 10, leaseSeconds })).jobs;
  }

  async complete(job: LeasedJob): Promise<void> {
    await this.post(`/worker/jobs/${job.jobId}/complete`, { leaseId: job.leaseId, result: { ok: true } });
  }

  /** The job with its attempts, or undefined when the server does not know it. */
  async job(jobId: string): Promise<JobDetail | undefined> {
    const { status, body } = await this.get(`/jobs/${jobId}`);
    return status === 200 ? JobDetail.parse(body) : undefined;
  }

  /** Up to 500 jobs of a type, newest first. */
  async jobsOfType(jobType: string): Promise<JobSummary[]> {
    return JobPage.parse((await this.get(`/jobs?jobType=${jobType}&limit=500`)).body).items;
  }
}
