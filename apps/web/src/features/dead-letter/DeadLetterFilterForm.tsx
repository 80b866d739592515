import { DEAD_LETTER_STATUSES } from '@execops/contract';
import { MultiSelect, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState, type FormEvent, type Ref } from 'react';
import { blankToUndefined, joinedOrUndefined } from '../filters/filter-draft.ts';
import { FilterFormButtons } from '../filters/FilterFormButtons.tsx';
import { TimeRangeInputs } from '../filters/TimeRangeInputs.tsx';
import { useTimeRangeDraft } from '../filters/use-time-range-draft.ts';
import { windowStart, type TimeWindow } from '../jobs/time-window.ts';
import { TimeWindowPicks } from '../jobs/TimeWindowPicks.tsx';
import { ERROR_CLASSES, selectedClasses, selectedStatuses, type DeadLetterFilters } from './dead-letter-search.ts';

interface DeadLetterFilterFormProps {
  filters: DeadLetterFilters;
  onApply: (filters: DeadLetterFilters) => void;
  onClear: () => void;
  textInputRef?: Ref<HTMLInputElement>;
}

const RETRYABLE_OPTIONS = [
  { value: 'true', label: 'Retryable' },
  { value: 'false', label: 'Not retryable' },
];

/** Edits a draft of the filters; the URL changes only on Apply, so typing does not fire a request per key. */
export function DeadLetterFilterForm({ filters, onApply, onClear, textInputRef }: DeadLetterFilterFormProps) {
  const [statuses, setStatuses] = useState<string[]>(selectedStatuses(filters));
  const [classes, setClasses] = useState<string[]>(selectedClasses(filters));
  const [retryable, setRetryable] = useState<string | null>(filters.retryable ?? null);
  const [jobType, setJobType] = useState(filters.jobType ?? '');
  const [cluster, setCluster] = useState(filters.cluster ?? '');
  const [text, setText] = useState(filters.text ?? '');
  const deadLettered = useTimeRangeDraft(filters.deadLetteredAfter, filters.deadLetteredBefore);

  const draft = (): DeadLetterFilters => ({
    status: joinedOrUndefined(statuses),
    jobType: blankToUndefined(jobType),
    cluster: blankToUndefined(cluster),
    class: joinedOrUndefined(classes),
    retryable: retryable === 'true' || retryable === 'false' ? retryable : undefined,
    deadLetteredAfter: deadLettered.afterIso(),
    deadLetteredBefore: deadLettered.beforeIso(),
    text: blankToUndefined(text),
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft());
  };
  /** A quick pick applies at once, with the rest of the draft. */
  const applyWindow = (window: TimeWindow) =>
    onApply({ ...draft(), deadLetteredAfter: windowStart(window), deadLetteredBefore: undefined });

  return (
    <form onSubmit={apply} aria-label="Dead-letter filters" data-testid="dead-letter-filters">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput
          ref={textInputRef}
          label="Text"
          description="error code or message, entry or job id, job type (press f)"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <MultiSelect label="Status" placeholder="Any status" data={DEAD_LETTER_STATUSES} value={statuses} onChange={setStatuses} clearable />
        <TextInput label="Job type" value={jobType} onChange={(event) => setJobType(event.currentTarget.value)} />
        <TextInput
          label="Cluster"
          description="an error cluster key, exactly"
          value={cluster}
          onChange={(event) => setCluster(event.currentTarget.value)}
        />
        <MultiSelect label="Error class" placeholder="Any class" data={ERROR_CLASSES} value={classes} onChange={setClasses} clearable />
        <Select label="Retryable" placeholder="Either" data={RETRYABLE_OPTIONS} value={retryable} onChange={setRetryable} clearable />
        <TimeRangeInputs label="Dead-lettered" range={deadLettered} />
      </SimpleGrid>
      <TimeWindowPicks label="Dead-lettered in the last" onPick={applyWindow} onCustom={() => deadLettered.afterRef.current?.focus()} />
      <FilterFormButtons onClear={onClear} />
    </form>
  );
}
