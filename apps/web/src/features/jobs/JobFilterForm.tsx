import { JOB_STATES } from '@execops/contract';
import { Button, Group, MultiSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent, type Ref } from 'react';
import { fromDateTimeInputValue, toDateTimeInputValue } from '../../time/format-timestamp.ts';
import { useTimeZoneMode } from '../../time/time-zone-mode.ts';
import { selectedStates, type JobFilters, type JobsSearch } from './jobs-search.ts';
import { windowStart, type TimeWindow } from './time-window.ts';
import { TimeWindowPicks } from './TimeWindowPicks.tsx';

interface JobFilterFormProps {
  search: JobsSearch;
  onApply: (filters: JobFilters) => void;
  onClear: () => void;
  textInputRef?: Ref<HTMLInputElement>;
}

const blankToUndefined = (value: string) => value.trim() || undefined;

/** Edits a draft of the filters; the URL changes only on Apply, so typing does not fire a request per key. */
export function JobFilterForm({ search, onApply, onClear, textInputRef }: JobFilterFormProps) {
  const [mode] = useTimeZoneMode();
  const zoneLabel = mode === 'utc' ? 'UTC' : 'local';
  const [states, setStates] = useState<string[]>(selectedStates(search));
  const [jobType, setJobType] = useState(search.jobType ?? '');
  const [queue, setQueue] = useState(search.queue ?? '');
  const [text, setText] = useState(search.text ?? '');
  const [createdAfter, setCreatedAfter] = useState(toDateTimeInputValue(search.createdAfter, mode));
  const [createdBefore, setCreatedBefore] = useState(toDateTimeInputValue(search.createdBefore, mode));

  const createdAfterRef = useRef<HTMLInputElement>(null);

  const draft = (): JobFilters => ({
    state: states.length > 0 ? states.join(',') : undefined,
    jobType: blankToUndefined(jobType),
    queue: blankToUndefined(queue),
    text: blankToUndefined(text),
    createdAfter: fromDateTimeInputValue(createdAfter, mode),
    createdBefore: fromDateTimeInputValue(createdBefore, mode),
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
        <TextInput
          ref={createdAfterRef}
          type="datetime-local"
          label={`Created after (${zoneLabel})`}
          value={createdAfter}
          onChange={(event) => setCreatedAfter(event.currentTarget.value)}
        />
        <TextInput
          type="datetime-local"
          label={`Created before (${zoneLabel})`}
          value={createdBefore}
          onChange={(event) => setCreatedBefore(event.currentTarget.value)}
        />
      </SimpleGrid>
      <TimeWindowPicks label="Created in the last" onPick={applyWindow} onCustom={() => createdAfterRef.current?.focus()} />
      <Group mt="sm" gap="xs">
        <Button type="submit">Apply filters</Button>
        <Button variant="default" onClick={onClear}>
          Clear filters
        </Button>
      </Group>
    </form>
  );
}
