import { JobDag } from '@execops/contract';
import { jobPath, request } from './client.ts';

export const dagApi = {
  get: (jobId: string) => request(JobDag, `${jobPath(jobId)}/dag`),
};
