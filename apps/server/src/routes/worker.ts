import {
  AddJobArtifactRequest,
  AppendJobLogRequest,
  AppendJobLogResponse,
  CompleteJobRequest,
  CompleteJobResponse,
  DeregisterWorkerRequest,
  DeregisterWorkerResponse,
  ErrorEnvelope,
  FailJobRequest,
  FailJobResponse,
  JobArtifact,
  JobHeartbeatRequest,
  JobHeartbeatResponse,
  JobIdParams,
  LeaseJobsRequest,
  LeaseJobsResponse,
  RegisterWorkerRequest,
  RegisterWorkerResponse,
  WorkerHeartbeatRequest,
  WorkerHeartbeatResponse,
} from '@execops/contract';
import type { WorkerProtocol } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 413: ErrorEnvelope, 415: ErrorEnvelope };
const fencedErrors = { ...errors, 409: ErrorEnvelope };
const tags = ['worker'];
const fenced = 'Fenced by leaseId: a stale lease answers 409 lease_lost and the worker must stop working on the job.';

/** The HTTP worker protocol (SPEC §7). Job calls act on the job the lease names, whatever the X-Tenant. */
export const workerRoutes: FastifyPluginAsyncZod<{ protocol: WorkerProtocol }> = async (app, { protocol }) => {
  app.addHook('preClose', () => protocol.close());

  app.post(
    '/worker/register',
    { schema: { tags, summary: 'Register a worker process', body: RegisterWorkerRequest, response: { 201: RegisterWorkerResponse, ...errors } } },
    async (request, reply) => reply.status(201).send(await protocol.register(request.body)),
  );

  app.post(
    '/worker/lease',
    {
      schema: {
        tags,
        summary: 'Lease runnable jobs of the given types',
        description: 'With waitMs (≤ 30,000) the call waits for jobs when none is runnable; it answers an empty list when none came.',
        body: LeaseJobsRequest,
        response: { 200: LeaseJobsResponse, ...errors },
      },
    },
    async (request, reply) => {
      const gone = new AbortController();
      // The response closing before we answer means the worker went away: stop waiting for it.
      const onClose = () => gone.abort();
      reply.raw.once('close', onClose);
      try {
        return await protocol.lease(request.body, gone.signal);
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );

  app.post(
    '/worker/heartbeat',
    { schema: { tags, summary: 'Worker heartbeat (also while idle)', body: WorkerHeartbeatRequest, response: { 200: WorkerHeartbeatResponse, ...errors } } },
    async (request) => {
      const { state, heartbeatAt } = await protocol.registry.touch(request.body.workerId, request.body.activeJobs);
      return { state, heartbeatAt: heartbeatAt.toISOString() };
    },
  );

  app.post(
    '/worker/deregister',
    { schema: { tags, summary: 'Mark a worker offline', body: DeregisterWorkerRequest, response: { 200: DeregisterWorkerResponse, ...errors } } },
    async (request) => {
      await protocol.registry.deregister(request.body.workerId);
      return { state: 'offline' as const };
    },
  );

  app.post(
    '/worker/jobs/:id/heartbeat',
    {
      schema: {
        tags,
        summary: 'Extend a job lease, report progress, learn of a cancel request',
        description: fenced,
        params: JobIdParams,
        body: JobHeartbeatRequest,
        response: { 200: JobHeartbeatResponse, ...fencedErrors },
      },
    },
    async (request) => protocol.heartbeat(request.params.id, request.body),
  );

  app.post(
    '/worker/jobs/:id/complete',
    {
      schema: { tags, summary: 'Record a job as succeeded with its result', description: fenced, params: JobIdParams, body: CompleteJobRequest, response: { 200: CompleteJobResponse, ...fencedErrors } },
    },
    async (request) => {
      await protocol.complete(request.params.id, request.body.leaseId, request.body.result);
      return { state: 'succeeded' as const };
    },
  );

  app.post(
    '/worker/jobs/:id/fail',
    {
      schema: {
        tags,
        summary: 'Record a failed attempt',
        description: `Retried with backoff while attempts remain and the error is retryable. ${fenced}`,
        params: JobIdParams,
        body: FailJobRequest,
        response: { 200: FailJobResponse, ...fencedErrors },
      },
    },
    async (request) => protocol.fail(request.params.id, request.body),
  );

  app.post(
    '/worker/jobs/:id/log',
    {
      schema: { tags, summary: 'Append up to 500 log lines', description: fenced, params: JobIdParams, body: AppendJobLogRequest, response: { 200: AppendJobLogResponse, ...fencedErrors } },
    },
    async (request) => protocol.appendLog(request.params.id, request.body),
  );

  app.post(
    '/worker/jobs/:id/artifact',
    {
      schema: {
        tags,
        summary: 'Record an artifact of the job (a name added again replaces it)',
        description: fenced,
        params: JobIdParams,
        body: AddJobArtifactRequest,
        response: { 200: JobArtifact, ...fencedErrors },
      },
    },
    async (request) => {
      const { leaseId, ...artifact } = request.body;
      return protocol.addArtifact(request.params.id, leaseId, artifact);
    },
  );
};
