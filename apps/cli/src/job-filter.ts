import type { JobState } from '@execops/contract';

export interface JobFilterOptions {
  state?: JobState[] | undefined;
  type?: string | undefined;
  queue?: string | undefined;
  text?: string | undefined;
  since?: string | undefined;
}

/** The listing filter the API takes, from the CLI's filter flags (shared by `jobs list` and bulk actions). */
export function jobFilter(options: JobFilterOptions): Record<string, string | JobState[]> {
  return {
    ...(options.state ? { state: options.state } : {}),
    ...(options.type ? { jobType: options.type } : {}),
    ...(options.queue ? { queue: options.queue } : {}),
    ...(options.text ? { text: options.text } : {}),
    ...(options.since ? { createdAfter: options.since } : {}),
  };
}
