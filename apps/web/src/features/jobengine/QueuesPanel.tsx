import type { QueueHealth } from '@execops/contract';
import { ActionIcon, Anchor, Group, Paper, Select, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconSearch, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useMemo, type Ref } from 'react';
import { QueueHealthTable } from './QueueHealthTable.tsx';
import { defaultOrder, isQueueSort, QUEUE_SORTS, visibleQueues, type QueueSort, type SummarySearch } from './summary-search.ts';

const SORT_LABELS: Record<QueueSort, string> = {
  queue: 'Queue name',
  backlog: 'Waiting jobs',
  oldest: 'Oldest runnable',
  finished: 'Finished last hour',
  failureRate: 'Failure rate',
  workers: 'Active workers',
};
const SORT_OPTIONS = QUEUE_SORTS.map((value) => ({ value, label: SORT_LABELS[value] }));

interface QueuesPanelProps {
  queues: readonly QueueHealth[];
  search: SummarySearch;
  onSearch: (search: SummarySearch) => void;
  /** The filter input, for the page's `f` shortcut. */
  filterRef: Ref<HTMLInputElement>;
}

/** The queue health table with its name filter and sort, both read from and written to the URL. */
export function QueuesPanel({ queues, search, onSearch, filterRef }: QueuesPanelProps) {
  const rows = useMemo(() => visibleQueues(queues, search), [queues, search]);
  const sort = search.sort ?? 'queue';
  const order = search.order ?? defaultOrder(sort);
  const flipped = order === 'asc' ? 'desc' : 'asc';

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm" align="flex-end">
        <Title order={2} fz="h4">
          Queues
        </Title>
        <Group gap="xs" align="flex-end">
          <TextInput
            ref={filterRef}
            label="Filter queues"
            placeholder="Queue name contains… (f)"
            leftSection={<IconSearch size={14} />}
            size="xs"
            value={search.filter ?? ''}
            onChange={(event) => onSearch({ ...search, filter: event.currentTarget.value || undefined })}
          />
          <Select
            label="Sort by"
            size="xs"
            data={SORT_OPTIONS}
            value={sort}
            allowDeselect={false}
            onChange={(value) => isQueueSort(value) && onSearch({ ...search, sort: value, order: undefined })}
          />
          <Tooltip label={order === 'asc' ? 'Ascending' : 'Descending'}>
            <ActionIcon variant="default" size="md" aria-label={flipped === 'asc' ? 'Sort ascending' : 'Sort descending'} onClick={() => onSearch({ ...search, order: flipped })}>
              {order === 'asc' ? <IconSortAscending size={16} /> : <IconSortDescending size={16} />}
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="queues-no-match">
          No queue name contains “{search.filter}”.{' '}
          <Anchor component="button" size="sm" onClick={() => onSearch({ ...search, filter: undefined })}>
            Clear the filter
          </Anchor>
        </Text>
      ) : (
        <QueueHealthTable queues={rows} />
      )}
    </Paper>
  );
}
