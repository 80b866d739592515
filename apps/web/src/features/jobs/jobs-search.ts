import { JOB_STATES, type JobState, type ListJobsQueryInput } from '@execops/contract';
import { z } from 'zod';

/** Any search value as trimmed text; the router may hand over numbers, booleans or arrays (trap G16). */
export function toText(value: unknown): string | undefined {
  const raw = Array.isArray(value) ? value.join(',') : value;
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return undefined;
  const text = String(raw).trim();
  return text === '' ? undefined : text;
}

const isJobState = (value: string): value is JobState => (JOB_STATES as readonly string[]).includes(value);

function toStates(value: unknown): JobState[] {
  const states = (toText(value) ?? '').split(',').map((state) => state.trim()).filter(isJobState);
  return [...new Set(states)];
}

const isoInstant = z.iso.datetime({ offset: true });

const searchText = z.unknown().transform(toText).optional();
const searchInstant = z
  .unknown()
  .transform((value) => {
    const text = toText(value);
    return text !== undefined && isoInstant.safeParse(text).success ? text : undefined;
  })
  .optional();
/** Kept as the API's comma-separated list so the URL reads `?state=failed,queued`. */
const searchStates = z
  .unknown()
  .transform((value) => toStates(value).join(',') || undefined)
  .optional();

export const JobsSearchSchema = z.object({
  state: searchStates,
  jobType: searchText,
  queue: searchText,
  text: searchText,
  createdAfter: searchInstant,
  createdBefore: searchInstant,
  cursor: searchText,
});
export type JobsSearch = z.output<typeof JobsSearchSchema>;
export type JobFilters = Omit<JobsSearch, 'cursor'>;

export function selectedStates(search: JobsSearch): JobState[] {
  return toStates(search.state);
}

export function hasFilters(search: JobsSearch): boolean {
  const { cursor: _cursor, ...filters } = search;
  return Object.values(filters).some((value) => value !== undefined);
}

export function toListQuery(search: JobsSearch): ListJobsQueryInput {
  return {
    state: search.state,
    jobType: search.jobType,
    queue: search.queue,
    text: search.text,
    createdAfter: search.createdAfter,
    createdBefore: search.createdBefore,
    cursor: search.cursor,
  };
}
