// The language-neutral worker protocol under /api/v1/worker/. Every job call is fenced by the leaseId the
// lease call returned: a stale lease gets 409 `lease_lost` and the worker must stop working on that job.
import { z } from 'zod';
import { JobArtifactInput, JobLogLineInput, MAX_LOG_LINES_PER_CALL } from './job-logs.ts';
import { AttemptOutcome, JobError, JobType, Tenant, Uuid } from './jobs.ts';

const isoDate = z.iso.datetime({ offset: true });

export const WORKER_STATES = ['active', 'draining', 'stale', 'offline'] as const;
export const WorkerState = z.enum(WORKER_STATES);
export type WorkerState = z.infer<typeof WorkerState>;

export const MAX_LEASE_WAIT_MS = 30_000;
export const MAX_LEASE_SECONDS = 3600;

export const WorkerId = z.string().min(1).max(200);
const LeaseSeconds = z.int().min(1).max(MAX_LEASE_SECONDS);
const WorkerJobTypes = z.array(JobType).min(1).max(200);

export const WorkerLabels = z.record(z.string().min(1).max(64), z.string().max(256));
export type WorkerLabels = z.infer<typeof WorkerLabels>;

export const RegisterWorkerRequest = z
  .strictObject({
    name: z.string().min(1).max(200),
    host: z.string().min(1).max(255),
    pid: z.int().min(0).optional(),
    version: z.string().min(1).max(64).optional(),
    tenant: Tenant.optional().describe('recorded in the registry; leases are not limited by it'),
    jobTypes: WorkerJobTypes,
    concurrency: z.int().min(1).max(1000),
    labels: WorkerLabels.optional(),
  })
  .meta({ id: 'RegisterWorkerRequest' });
export type RegisterWorkerRequest = z.infer<typeof RegisterWorkerRequest>;

export const RegisterWorkerResponse = z
  .object({
    workerId: WorkerId,
    leaseSeconds: z.int().describe('default lease length'),
    heartbeatSeconds: z.int().describe('how often to heartbeat running jobs and the worker itself'),
  })
  .meta({ id: 'RegisterWorkerResponse' });
export type RegisterWorkerResponse = z.infer<typeof RegisterWorkerResponse>;

export const LeaseJobsRequest = z
  .strictObject({
    workerId: WorkerId,
    jobTypes: WorkerJobTypes,
    limit: z.int().min(1).max(100),
    leaseSeconds: LeaseSeconds.optional().describe('default: the server lease length'),
    waitMs: z.int().min(0).max(MAX_LEASE_WAIT_MS).optional().describe('long-poll this long when nothing is runnable; default 0'),
  })
  .meta({ id: 'LeaseJobsRequest' });
export type LeaseJobsRequest = z.infer<typeof LeaseJobsRequest>;

export const LeasedJob = z
  .object({
    jobId: Uuid,
    leaseId: Uuid,
    tenant: z.string(),
    jobType: z.string(),
    queue: z.string(),
    payload: z.json(),
    attempt: z.int(),
    maxAttempts: z.int(),
    timeoutSeconds: z.int(),
    leaseUntil: isoDate,
  })
  .meta({ id: 'LeasedJob' });
export type LeasedJob = z.infer<typeof LeasedJob>;

export const LeaseJobsResponse = z
  .object({
    jobs: z.array(LeasedJob).describe('empty when nothing was runnable (or the worker is draining)'),
    workerState: WorkerState.describe('draining: an operator drained this worker; it is leased nothing until resumed'),
  })
  .meta({ id: 'LeaseJobsResponse' });
export type LeaseJobsResponse = z.infer<typeof LeaseJobsResponse>;

const LeaseId = Uuid.describe('the leaseId the lease call returned for this job');

export const JobHeartbeatRequest = z
  .strictObject({
    leaseId: LeaseId,
    leaseSeconds: LeaseSeconds.optional().describe('extend the lease this long; default: the server lease length'),
    progress: z.strictObject({ percent: z.number().min(0).max(100), message: z.string().max(512).optional() }).optional(),
  })
  .meta({ id: 'JobHeartbeatRequest' });
export type JobHeartbeatRequest = z.infer<typeof JobHeartbeatRequest>;

export const JobHeartbeatResponse = z
  .object({
    leaseUntil: isoDate,
    cancelRequested: z.boolean().describe('an operator asked to cancel: stop and fail with outcome canceled'),
  })
  .meta({ id: 'JobHeartbeatResponse' });
export type JobHeartbeatResponse = z.infer<typeof JobHeartbeatResponse>;

export const CompleteJobRequest = z
  .strictObject({ leaseId: LeaseId, result: z.json().optional().describe('any JSON value; default null') })
  .meta({ id: 'CompleteJobRequest' });
export type CompleteJobRequest = z.infer<typeof CompleteJobRequest>;

export const CompleteJobResponse = z.object({ state: z.literal('succeeded') }).meta({ id: 'CompleteJobResponse' });
export type CompleteJobResponse = z.infer<typeof CompleteJobResponse>;

export const FailJobRequest = z
  .strictObject({
    leaseId: LeaseId,
    error: JobError,
    outcome: AttemptOutcome.extract(['failed', 'timed_out', 'canceled']).optional().describe('default failed'),
  })
  .meta({ id: 'FailJobRequest' });
export type FailJobRequest = z.infer<typeof FailJobRequest>;

export const FailJobResponse = z
  .object({
    state: z.enum(['scheduled', 'failed', 'canceled']).describe('scheduled: a retry comes at retryAt'),
    retryAt: isoDate.nullable(),
  })
  .meta({ id: 'FailJobResponse' });
export type FailJobResponse = z.infer<typeof FailJobResponse>;

export const AppendJobLogRequest = z
  .strictObject({ leaseId: LeaseId, lines: z.array(JobLogLineInput).min(1).max(MAX_LOG_LINES_PER_CALL) })
  .meta({ id: 'AppendJobLogRequest' });
export type AppendJobLogRequest = z.infer<typeof AppendJobLogRequest>;

export const AppendJobLogResponse = z
  .object({ appended: z.int(), lastId: z.int() })
  .meta({ id: 'AppendJobLogResponse' });
export type AppendJobLogResponse = z.infer<typeof AppendJobLogResponse>;

export const AddJobArtifactRequest = JobArtifactInput.extend({ leaseId: LeaseId }).meta({ id: 'AddJobArtifactRequest' });
export type AddJobArtifactRequest = z.infer<typeof AddJobArtifactRequest>;

export const WorkerHeartbeatRequest = z
  .strictObject({ workerId: WorkerId, activeJobs: z.int().min(0).max(100_000) })
  .meta({ id: 'WorkerHeartbeatRequest' });
export type WorkerHeartbeatRequest = z.infer<typeof WorkerHeartbeatRequest>;

export const WorkerHeartbeatResponse = z
  .object({ state: WorkerState.describe('draining: the server leases nothing to this worker until resumed'), heartbeatAt: isoDate })
  .meta({ id: 'WorkerHeartbeatResponse' });
export type WorkerHeartbeatResponse = z.infer<typeof WorkerHeartbeatResponse>;

export const DeregisterWorkerRequest = z.strictObject({ workerId: WorkerId }).meta({ id: 'DeregisterWorkerRequest' });
export type DeregisterWorkerRequest = z.infer<typeof DeregisterWorkerRequest>;

export const DeregisterWorkerResponse = z.object({ state: z.literal('offline') }).meta({ id: 'DeregisterWorkerResponse' });
export type DeregisterWorkerResponse = z.infer<typeof DeregisterWorkerResponse>;

/** A registry row; `state` is derived from heartbeat age (stale after 15 s, offline after 60 s). */
export const WorkerInfo = z
  .object({
    id: WorkerId,
    tenant: z.string().nullable(),
    name: z.string(),
    host: z.string(),
    pid: z.int().nullable(),
    version: z.string().nullable(),
    jobTypes: z.array(z.string()),
    concurrency: z.int(),
    labels: WorkerLabels,
    state: WorkerState,
    startedAt: isoDate,
    heartbeatAt: isoDate,
    heartbeatAgeMs: z.number().min(0).describe('time since heartbeatAt by the server clock, when this answer was made'),
    activeJobs: z.int().describe('jobs running as the worker last reported'),
    leasedJobs: z.int().describe('jobs it holds a lease on now'),
    processed: z.int().describe('attempts this worker finished (succeeded or failed)'),
    failed: z.int().describe('attempts this worker reported failed'),
  })
  .meta({ id: 'WorkerInfo' });
export type WorkerInfo = z.infer<typeof WorkerInfo>;
