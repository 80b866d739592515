import { SCHEDULE_STATES } from '@execops/contract';
import { z } from 'zod';
import type { SchedulesQuery } from '../../api/scheduler-api.ts';
import { oneOf, searchText } from '../jobs/jobs-search.ts';

export const SchedulesSearchSchema = z.object({
  /** Part of the name or description. */
  text: searchText,
  state: oneOf(SCHEDULE_STATES),
  /** The schedule whose panel is open. */
  schedule: searchText,
  cursor: searchText,
});
export type SchedulesSearch = z.output<typeof SchedulesSearchSchema>;
export type ScheduleFilters = Pick<SchedulesSearch, 'text' | 'state'>;

export function toSchedulesQuery(search: SchedulesSearch): SchedulesQuery {
  return {
    ...(search.text ? { text: search.text } : {}),
    ...(search.state ? { state: search.state } : {}),
    ...(search.cursor ? { cursor: search.cursor } : {}),
  };
}

export const hasScheduleFilters = (search: SchedulesSearch) => Boolean(search.text ?? search.state);
