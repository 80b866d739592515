import { WORKER_STATES } from '@execops/contract';
import { Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState, type FormEvent, type Ref } from 'react';
import { oneOf } from '../jobs/jobs-search.ts';
import type { WorkerFilters, WorkersSearch } from './workers-search.ts';

interface WorkerFilterFormProps {
  search: WorkersSearch;
  onApply: (filters: WorkerFilters) => void;
  onClear: () => void;
  textInputRef?: Ref<HTMLInputElement>;
}

const blankToUndefined = (value: string) => value.trim() || undefined;
const toState = oneOf(WORKER_STATES);

/** A draft of the filters; the URL changes on Apply (the state select applies at once). */
export function WorkerFilterForm({ search, onApply, onClear, textInputRef }: WorkerFilterFormProps) {
  const [jobType, setJobType] = useState(search.jobType ?? '');
  const [q, setQ] = useState(search.q ?? '');
  const draft = (): WorkerFilters => ({ state: search.state, jobType: blankToUndefined(jobType), q: blankToUndefined(q) });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft());
  };
  return (
    <form onSubmit={apply} aria-label="Worker filters" data-testid="worker-filters">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          ref={textInputRef}
          label="Text"
          description="part of the name, host or id (press f)"
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
        />
        <TextInput label="Job type" description="workers that run it" value={jobType} onChange={(event) => setJobType(event.currentTarget.value)} />
        <Select
          label="State"
          description="derived from heartbeat age"
          placeholder="Any state"
          data={WORKER_STATES}
          value={search.state ?? null}
          onChange={(value) => onApply({ ...draft(), state: toState.parse(value ?? undefined) })}
          clearable
        />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit" size="xs">
          Apply
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => {
            setJobType('');
            setQ('');
            onClear();
          }}
        >
          Clear
        </Button>
      </Group>
    </form>
  );
}
