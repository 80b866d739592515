// The worker fleet as operators see it (SPEC §6): the registry, one worker's running jobs, drain and resume.
import { z } from 'zod';
import { JobType, Uuid } from './jobs.ts';
import { WorkerId, WorkerInfo, WorkerState } from './worker-protocol.ts';

const isoDate = z.iso.datetime({ offset: true });

/** How often workers heartbeat, and the heartbeat ages after which they show as stale and as offline. */
export const WORKER_HEARTBEAT_SECONDS = 5;
export const WORKER_STALE_AFTER_SECONDS = 15;
export const WORKER_OFFLINE_AFTER_SECONDS = 60;

export const ListWorkersQuery = z.strictObject({
  state: WorkerState.optional().describe('the derived state'),
  jobType: JobType.optional().describe('workers that run this job type'),
  q: z.string().trim().min(1).max(200).optional().describe('part of the name, host or id'),
});
export type ListWorkersQuery = z.infer<typeof ListWorkersQuery>;

export const WorkerList = z
  .object({
    items: z.array(WorkerInfo).describe('most recently seen first'),
    counts: z.record(WorkerState, z.int()).describe('the whole fleet by state, whatever the filter'),
  })
  .meta({ id: 'WorkerList' });
export type WorkerList = z.infer<typeof WorkerList>;

export const WorkerIdParams = z.strictObject({ id: WorkerId });

export const WorkerActiveJob = z
  .object({
    jobId: Uuid,
    tenant: z.string(),
    jobType: z.string(),
    queue: z.string(),
    attempt: z.int(),
    startedAt: isoDate,
  })
  .meta({ id: 'WorkerActiveJob' });
export type WorkerActiveJob = z.infer<typeof WorkerActiveJob>;

export const WorkerDetail = z
  .object({ worker: WorkerInfo, activeJobs: z.array(WorkerActiveJob).describe('jobs it holds a lease on, oldest first') })
  .meta({ id: 'WorkerDetail' });
export type WorkerDetail = z.infer<typeof WorkerDetail>;
