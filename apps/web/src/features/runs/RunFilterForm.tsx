import { RUN_STATES } from '@execops/contract';
import { MultiSelect, Select, SimpleGrid } from '@mantine/core';
import { useState, type FormEvent, type Ref } from 'react';
import { useSchedules } from '../../api/scheduler-queries.ts';
import { joinedOrUndefined } from '../filters/filter-draft.ts';
import { FilterFormButtons } from '../filters/FilterFormButtons.tsx';
import { TimeRangeInputs } from '../filters/TimeRangeInputs.tsx';
import { useTimeRangeDraft } from '../filters/use-time-range-draft.ts';
import { windowStart, type TimeWindow } from '../jobs/time-window.ts';
import { TimeWindowPicks } from '../jobs/TimeWindowPicks.tsx';
import { RUN_TRIGGERS, selectedRunStates, selectedTriggers, type RunFilters, type RunsSearch } from './runs-search.ts';

interface RunFilterFormProps {
  search: RunsSearch;
  onApply: (filters: RunFilters) => void;
  onClear: () => void;
  scheduleInputRef?: Ref<HTMLInputElement>;
}

/** The schedules offered as a filter: the newest ones (the API's largest page). */
const SCHEDULE_CHOICES = 500;

/** A draft of the filters; the URL changes on Apply or on a time-window pick. */
export function RunFilterForm({ search, onApply, onClear, scheduleInputRef }: RunFilterFormProps) {
  const [triggers, setTriggers] = useState<string[]>(selectedTriggers(search));
  const [states, setStates] = useState<string[]>(selectedRunStates(search));
  const [scheduleId, setScheduleId] = useState<string | null>(search.scheduleId ?? null);
  const created = useTimeRangeDraft(search.createdAfter, search.createdBefore);
  const schedules = useSchedules({ limit: SCHEDULE_CHOICES });
  const choices = (schedules.data?.items ?? []).map((schedule) => ({ value: schedule.id, label: schedule.name }));
  // A deep link to a schedule beyond the choices (or deleted) still shows, by id.
  if (search.scheduleId && !choices.some((choice) => choice.value === search.scheduleId)) {
    choices.push({ value: search.scheduleId, label: search.scheduleId });
  }

  const draft = (): RunFilters => ({
    trigger: joinedOrUndefined(triggers),
    state: joinedOrUndefined(states),
    scheduleId: scheduleId ?? undefined,
    createdAfter: created.afterIso(),
    createdBefore: created.beforeIso(),
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft());
  };
  const applyWindow = (window: TimeWindow) => onApply({ ...draft(), createdAfter: windowStart(window), createdBefore: undefined });

  return (
    <form onSubmit={apply} aria-label="Run filters" data-testid="run-filters">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <Select
          ref={scheduleInputRef}
          label="Schedule"
          placeholder="Any schedule (press f)"
          data={choices}
          value={scheduleId}
          onChange={setScheduleId}
          searchable
          clearable
        />
        <MultiSelect label="Trigger" placeholder="Any trigger" data={RUN_TRIGGERS} value={triggers} onChange={setTriggers} clearable />
        <MultiSelect label="State" placeholder="Any state" data={RUN_STATES} value={states} onChange={setStates} clearable />
        <TimeRangeInputs label="Created" range={created} />
      </SimpleGrid>
      <TimeWindowPicks label="Created in the last" onPick={applyWindow} onCustom={() => created.afterRef.current?.focus()} />
      <FilterFormButtons onClear={onClear} />
    </form>
  );
}
