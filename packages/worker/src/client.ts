import {
  AppendJobLogResponse,
  CompleteJobResponse,
  DeregisterWorkerResponse,
  ErrorEnvelope,
  FailJobResponse,
  JobArtifact,
  JobHeartbeatResponse,
  LeaseJobsResponse,
  RegisterWorkerResponse,
  WorkerHeartbeatResponse,
  type AddJobArtifactRequest,
  type AppendJobLogRequest,
  type CompleteJobRequest,
  type FailJobRequest,
  type JobHeartbeatRequest,
  type LeaseJobsRequest,
  type RegisterWorkerRequest,
  type WorkerHeartbeatRequest,
} from '@execops/contract';
import type { z } from 'zod';

/** An answer from the server that is not a success: its HTTP status and the envelope's error code. */
export class WorkerApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerApiError';
  }

  /** The job is no longer this worker's (stale lease, or the job is gone): stop and report nothing. */
  get leaseLost(): boolean {
    return this.code === 'lease_lost' || (this.status === 404 && this.code === 'not_found');
  }

  /** Worth trying again: the server or the network had a problem, not the request. */
  get transient(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 0;
  }
}

/** No answer at all (connection refused, reset, timed out). */
const networkError = (path: string, error: unknown) =>
  new WorkerApiError(0, 'unreachable', `no answer from ${path}: ${(error as Error).cause ?? (error as Error).message}`);

const CALL_TIMEOUT_MS = 15_000;

/** The worker protocol over HTTP; every answer is checked against the contract schemas. */
export class WorkerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly tenant: string | undefined,
    /** An API token with scope `worker` for every tenant (`eo_<id>_<secret>`). */
    private readonly token: string,
    /** Called on every answer from the server, whatever its status: the server is reachable. */
    private readonly onAnswer: () => void = () => undefined,
  ) {}

  register(body: RegisterWorkerRequest) {
    return this.call(RegisterWorkerResponse, '/worker/register', body);
  }

  lease(body: LeaseJobsRequest, signal: AbortSignal): Promise<LeaseJobsResponse> {
    return this.call(LeaseJobsResponse, '/worker/lease', body, signal, (body.waitMs ?? 0) + CALL_TIMEOUT_MS);
  }

  heartbeatWorker(body: WorkerHeartbeatRequest) {
    return this.call(WorkerHeartbeatResponse, '/worker/heartbeat', body);
  }

  deregister(workerId: string) {
    return this.call(DeregisterWorkerResponse, '/worker/deregister', { workerId });
  }

  heartbeatJob(jobId: string, body: JobHeartbeatRequest) {
    return this.call(JobHeartbeatResponse, jobPath(jobId, 'heartbeat'), body);
  }

  complete(jobId: string, body: CompleteJobRequest) {
    return this.call(CompleteJobResponse, jobPath(jobId, 'complete'), body);
  }

  fail(jobId: string, body: FailJobRequest) {
    return this.call(FailJobResponse, jobPath(jobId, 'fail'), body);
  }

  log(jobId: string, body: AppendJobLogRequest) {
    return this.call(AppendJobLogResponse, jobPath(jobId, 'log'), body);
  }

  addArtifact(jobId: string, body: AddJobArtifactRequest) {
    return this.call(JobArtifact, jobPath(jobId, 'artifact'), body);
  }

  private async call<T extends z.ZodType>(
    schema: T,
    path: string,
    body: unknown,
    signal?: AbortSignal,
    timeoutMs = CALL_TIMEOUT_MS,
  ): Promise<z.infer<T>> {
    // Not AbortSignal.timeout(): inside AbortSignal.any() Node may collect it before it fires (nodejs/node#57736).
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${this.token}` };
    if (this.tenant) headers['x-tenant'] = this.tenant;
    const payload = JSON.stringify(body);
    let response: Response;
    let text: string;
    try {
      response = await fetch(new URL(`/api/v1${path}`, this.baseUrl), {
        method: 'POST',
        headers,
        body: payload,
        signal: signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal,
      });
      text = await response.text();
      this.onAnswer();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw networkError(path, error);
    } finally {
      clearTimeout(timer);
    }
    const json = parseJson(text);
    if (!response.ok) {
      const envelope = ErrorEnvelope.safeParse(json);
      if (envelope.success) {
        const { code, message, traceId } = envelope.data.error;
        throw new WorkerApiError(response.status, code, `${message} (HTTP ${response.status}, traceId ${traceId})`);
      }
      throw new WorkerApiError(response.status, 'unexpected', `HTTP ${response.status} from ${path}: ${text.slice(0, 200)}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new WorkerApiError(response.status, 'bad_answer', `unexpected answer from ${path}: ${parsed.error.message}`);
    return parsed.data;
  }
}

function jobPath(jobId: string, action: string): string {
  return `/worker/jobs/${encodeURIComponent(jobId)}/${action}`;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
