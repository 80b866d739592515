import { WORKER_STATES, type ListWorkersQuery } from '@execops/contract';
import { z } from 'zod';
import { oneOf, searchText } from '../jobs/jobs-search.ts';

export const WorkersSearchSchema = z.object({
  state: oneOf(WORKER_STATES),
  jobType: searchText,
  /** Part of the name, host or id. */
  q: searchText,
  /** The worker whose panel is open. */
  worker: searchText,
});
export type WorkersSearch = z.output<typeof WorkersSearchSchema>;
export type WorkerFilters = Omit<WorkersSearch, 'worker'>;

export function toWorkersQuery(search: WorkersSearch): ListWorkersQuery {
  return {
    ...(search.state ? { state: search.state } : {}),
    ...(search.jobType ? { jobType: search.jobType } : {}),
    ...(search.q ? { q: search.q } : {}),
  };
}

export const hasWorkerFilters = (search: WorkersSearch) => Boolean(search.state ?? search.jobType ?? search.q);
