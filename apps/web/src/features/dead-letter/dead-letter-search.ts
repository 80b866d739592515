import {
  DEAD_LETTER_STATUSES,
  ErrorClass,
  type DeadLetterExportQueryInput,
  type DeadLetterFilter,
  type DeadLetterStatus,
  type ListDeadLetterQueryInput,
} from '@execops/contract';
import { z } from 'zod';
import { knownValues, oneOf, searchInstant, searchList, searchText } from '../jobs/jobs-search.ts';

export const ERROR_CLASSES = ErrorClass.options;
const RETRYABLE_VALUES = ['true', 'false'] as const;

/**
 * The queue's URL: the API's filters as the API spells them (`?status=open,replayed&retryable=true`), so the
 * overview's deep links (`?status=open&cluster=…`, `?retryable=true`, `?jobType=…`) open the same view.
 */
export const DeadLetterSearchSchema = z.object({
  status: searchList(DEAD_LETTER_STATUSES),
  jobType: searchText,
  cluster: searchText,
  class: searchList(ERROR_CLASSES),
  retryable: oneOf(RETRYABLE_VALUES),
  deadLetteredAfter: searchInstant,
  deadLetteredBefore: searchInstant,
  text: searchText,
  cursor: searchText,
});
export type DeadLetterSearch = z.output<typeof DeadLetterSearchSchema>;
/** What selects entries; the cursor only pages through them. */
export type DeadLetterFilters = Omit<DeadLetterSearch, 'cursor'>;

export const selectedStatuses = (search: DeadLetterFilters): DeadLetterStatus[] => knownValues(DEAD_LETTER_STATUSES, search.status);
export const selectedClasses = (search: DeadLetterFilters): ErrorClass[] => knownValues(ERROR_CLASSES, search.class);

export function toFilters(search: DeadLetterSearch): DeadLetterFilters {
  return {
    status: search.status,
    jobType: search.jobType,
    cluster: search.cluster,
    class: search.class,
    retryable: search.retryable,
    deadLetteredAfter: search.deadLetteredAfter,
    deadLetteredBefore: search.deadLetteredBefore,
    text: search.text,
  };
}

export function hasFilters(search: DeadLetterSearch): boolean {
  return Object.values(toFilters(search)).some((value) => value !== undefined);
}

export function toListQuery(search: DeadLetterSearch): ListDeadLetterQueryInput {
  return { ...toFilters(search), cursor: search.cursor };
}

export function toExportQuery(search: DeadLetterSearch, format: NonNullable<DeadLetterExportQueryInput['format']>): DeadLetterExportQueryInput {
  return { ...toFilters(search), format };
}

/** The same filters as the body of a bulk action (`filter`), with lists and a boolean instead of text. */
export function bulkFilterOf(search: DeadLetterSearch): DeadLetterFilter {
  const statuses = selectedStatuses(search);
  const classes = selectedClasses(search);
  return {
    ...(statuses.length > 0 ? { status: statuses } : {}),
    ...(search.jobType ? { jobType: search.jobType } : {}),
    ...(search.cluster ? { cluster: search.cluster } : {}),
    ...(classes.length > 0 ? { class: classes } : {}),
    ...(search.retryable ? { retryable: search.retryable === 'true' } : {}),
    ...(search.deadLetteredAfter ? { deadLetteredAfter: search.deadLetteredAfter } : {}),
    ...(search.deadLetteredBefore ? { deadLetteredBefore: search.deadLetteredBefore } : {}),
    ...(search.text ? { text: search.text } : {}),
  };
}
