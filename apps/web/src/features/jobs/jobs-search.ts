import { JOB_SORTS, JOB_STATES, type JobSort, type JobState, type ListJobsQueryInput } from '@execops/contract';
import { z } from 'zod';

/** Any search value as trimmed text; the router may hand over numbers, booleans or arrays (trap G16). */
export function toText(value: unknown): string | undefined {
  const raw = Array.isArray(value) ? value.join(',') : value;
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return undefined;
  const text = String(raw).trim();
  return text === '' ? undefined : text;
}

/** The known values of a comma-separated search value, once each, in the order given. */
export function knownValues<T extends string>(allowed: readonly T[], value: unknown): T[] {
  const isAllowed = (item: string): item is T => (allowed as readonly string[]).includes(item);
  const items = (toText(value) ?? '').split(',').map((item) => item.trim()).filter(isAllowed);
  return [...new Set(items)];
}

const toStates = (value: unknown): JobState[] => knownValues(JOB_STATES, value);

const isoInstant = z.iso.datetime({ offset: true });

/** A search param as trimmed text, or undefined when empty. */
export const searchText = z.unknown().transform(toText).optional();
export const searchInstant = z
  .unknown()
  .transform((value) => {
    const text = toText(value);
    return text !== undefined && isoInstant.safeParse(text).success ? text : undefined;
  })
  .optional();
/** Kept as the API's comma-separated list so the URL reads `?state=failed,queued`. */
export const searchList = <T extends string>(allowed: readonly T[]) =>
  z
    .unknown()
    .transform((value) => knownValues(allowed, value).join(',') || undefined)
    .optional();

/** One of `values`, or undefined for anything else (an unknown value falls back instead of failing the page). */
export const oneOf = <T extends string>(values: readonly T[]) =>
  z
    .unknown()
    .transform((value) => {
      const text = toText(value);
      return values.find((allowed) => allowed === text);
    })
    .optional();

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const JobsSearchSchema = z.object({
  state: searchList(JOB_STATES),
  jobType: searchText,
  queue: searchText,
  text: searchText,
  createdAfter: searchInstant,
  createdBefore: searchInstant,
  sort: oneOf<JobSort>(JOB_SORTS),
  order: oneOf<SortOrder>(SORT_ORDERS),
  cursor: searchText,
});
export type JobsSearch = z.output<typeof JobsSearchSchema>;
/** What selects jobs; sort, order and cursor only arrange them. */
export type JobFilters = Omit<JobsSearch, 'cursor' | 'sort' | 'order'>;

/** The listing's defaults (the API's), for a URL without sort or order. */
export const DEFAULT_SORT: { sort: JobSort; order: SortOrder } = { sort: 'createdAt', order: 'desc' };

export function selectedStates(search: JobsSearch): JobState[] {
  return toStates(search.state);
}

export function toFilters(search: JobsSearch): JobFilters {
  return {
    state: search.state,
    jobType: search.jobType,
    queue: search.queue,
    text: search.text,
    createdAfter: search.createdAfter,
    createdBefore: search.createdBefore,
  };
}

export function hasFilters(search: JobsSearch): boolean {
  return Object.values(toFilters(search)).some((value) => value !== undefined);
}

export function toListQuery(search: JobsSearch): ListJobsQueryInput {
  return { ...toFilters(search), sort: search.sort, order: search.order, cursor: search.cursor };
}
