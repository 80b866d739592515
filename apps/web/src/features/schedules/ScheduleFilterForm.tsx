import { SCHEDULE_STATES } from '@execops/contract';
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState, type FormEvent, type Ref } from 'react';
import { blankToUndefined } from '../filters/filter-draft.ts';
import { FilterFormButtons } from '../filters/FilterFormButtons.tsx';
import { oneOf } from '../jobs/jobs-search.ts';
import type { ScheduleFilters, SchedulesSearch } from './schedules-search.ts';

interface ScheduleFilterFormProps {
  search: SchedulesSearch;
  onApply: (filters: ScheduleFilters) => void;
  onClear: () => void;
  textInputRef?: Ref<HTMLInputElement>;
}

const toState = oneOf(SCHEDULE_STATES);

/** A draft of the text filter (applied on Apply); the state select applies at once. */
export function ScheduleFilterForm({ search, onApply, onClear, textInputRef }: ScheduleFilterFormProps) {
  const [text, setText] = useState(search.text ?? '');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply({ text: blankToUndefined(text), state: search.state });
  };
  return (
    <form onSubmit={apply} aria-label="Schedule filters" data-testid="schedule-filters">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          ref={textInputRef}
          label="Text"
          description="part of the name or description (press f)"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <Select
          label="State"
          description="active fires; paused keeps its next fire; disabled has none"
          placeholder="Any state"
          data={SCHEDULE_STATES}
          value={search.state ?? null}
          onChange={(value) => onApply({ text: blankToUndefined(text), state: toState.parse(value ?? undefined) })}
          clearable
        />
      </SimpleGrid>
      <FilterFormButtons onClear={onClear} />
    </form>
  );
}
