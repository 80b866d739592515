import { RUN_STATES, RunTrigger, type RunState, type RunTrigger as RunTriggerValue } from '@execops/contract';
import { z } from 'zod';
import type { RunsQuery } from '../../api/scheduler-api.ts';
import { knownValues, searchInstant, searchList, searchText } from '../jobs/jobs-search.ts';

export const RUN_TRIGGERS = RunTrigger.options;

/** The runs list's URL: the API's filters as the API spells them (`?state=queued,running&trigger=manual`). */
export const RunsSearchSchema = z.object({
  trigger: searchList(RUN_TRIGGERS),
  state: searchList(RUN_STATES),
  scheduleId: searchText,
  createdAfter: searchInstant,
  createdBefore: searchInstant,
  cursor: searchText,
});
export type RunsSearch = z.output<typeof RunsSearchSchema>;
/** What selects runs; the cursor only pages through them. */
export type RunFilters = Omit<RunsSearch, 'cursor'>;

export const selectedTriggers = (search: RunFilters): RunTriggerValue[] => knownValues(RUN_TRIGGERS, search.trigger);
export const selectedRunStates = (search: RunFilters): RunState[] => knownValues(RUN_STATES, search.state);

export function toRunFilters(search: RunsSearch): RunFilters {
  return {
    trigger: search.trigger,
    state: search.state,
    scheduleId: search.scheduleId,
    createdAfter: search.createdAfter,
    createdBefore: search.createdBefore,
  };
}

export const hasRunFilters = (search: RunsSearch) => Object.values(toRunFilters(search)).some((value) => value !== undefined);

export function toRunsQuery(search: RunsSearch): RunsQuery {
  const triggers = selectedTriggers(search);
  const states = selectedRunStates(search);
  return {
    ...(triggers.length > 0 ? { trigger: triggers } : {}),
    ...(states.length > 0 ? { state: states } : {}),
    ...(search.scheduleId ? { scheduleId: search.scheduleId } : {}),
    ...(search.createdAfter ? { createdAfter: search.createdAfter } : {}),
    ...(search.createdBefore ? { createdBefore: search.createdBefore } : {}),
    ...(search.cursor ? { cursor: search.cursor } : {}),
  };
}
