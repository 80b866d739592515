import { JobArtifactList, JobDag, JobEventsPage, JobLogPage, JOB_LOGS_LIMIT_MAX } from '@execops/contract';
import { jobPath, request, toQueryString } from './client.ts';

/** The parts of one job that the detail page loads next to the job itself. */
export const jobDetailApi = {
  /** Log lines after `afterId` (0: from the start), in write order. */
  logs: (jobId: string, afterId: number, limit = JOB_LOGS_LIMIT_MAX) =>
    request(JobLogPage, `${jobPath(jobId)}/logs${toQueryString({ afterId, limit })}`),
  artifacts: (jobId: string) => request(JobArtifactList, `${jobPath(jobId)}/artifacts`),
  events: (jobId: string) => request(JobEventsPage, `${jobPath(jobId)}/events`),
  dag: (jobId: string) => request(JobDag, `${jobPath(jobId)}/dag`),
};
