import { JOB_STATES } from '@execops/contract';
import { MultiSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useState, type FormEvent, type Ref } from 'react';
import { blankToUndefined, joinedOrUndefined } from '../filters/filter-draft.ts';
import { FilterFormButtons } from '../filters/FilterFormButtons.tsx';
import { TimeRangeInputs } from '../filters/TimeRangeInputs.tsx';
import { useTimeRangeDraft } from '../filters/use-time-range-draft.ts';
import { selectedStates, type JobFilters, type JobsSearch } from './jobs-search.ts';
import { windowStart, type TimeWindow } from './time-window.ts';
import { TimeWindowPicks } from './TimeWindowPicks.tsx';

interface JobFilterFormProps {
  search: JobsSearch;
  onApply: (filters: JobFilters) => void;
  onClear: () => void;
  textInputRef?: Ref<HTMLInputElement>;
}

/** Edits a draft of the filters; the URL changes only on Apply, so typing does not fire a request per key. */
export function JobFilterForm({ search, onApply, onClear, textInputRef }: JobFilterFormProps) {
  const [states, setStates] = useState<string[]>(selectedStates(search));
  const [jobType, setJobType] = useState(search.jobType ?? '');
  const [queue, setQueue] = useState(search.queue ?? '');
  const [text, setText] = useState(search.text ?? '');
  const created = useTimeRangeDraft(search.createdAfter, search.createdBefore);

  const draft = (): JobFilters => ({
    state: joinedOrUndefined(states),
    jobType: blankToUndefined(jobType),
    queue: blankToUndefined(queue),
    text: blankToUndefined(text),
    createdAfter: created.afterIso(),
    createdBefore: created.beforeIso(),
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft());
  };
  /** A quick pick applies at once, with the rest of the draft. */
  const applyWindow = (window: TimeWindow) => onApply({ ...draft(), createdAfter: windowStart(window), createdBefore: undefined });

  return (
    <form onSubmit={apply} aria-label="Job filters" data-testid="job-filters">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <MultiSelect label="State" placeholder="Any state" data={JOB_STATES} value={states} onChange={setStates} clearable />
        <TextInput label="Job type" value={jobType} onChange={(event) => setJobType(event.currentTarget.value)} />
        <TextInput label="Queue" value={queue} onChange={(event) => setQueue(event.currentTarget.value)} />
        <TextInput
          ref={textInputRef}
          label="Text"
          description="id, job type, idempotency key, correlation id or error (press f)"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <TimeRangeInputs label="Created" range={created} />
      </SimpleGrid>
      <TimeWindowPicks label="Created in the last" onPick={applyWindow} onCustom={() => created.afterRef.current?.focus()} />
      <FilterFormButtons onClear={onClear} />
    </form>
  );
}
