import type { JobSort } from '@execops/contract';
import { Table, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import type { SortOrder } from './jobs-search.ts';

export interface JobsSorting {
  sort: JobSort;
  order: SortOrder;
  onSort: (sort: JobSort) => void;
}

interface SortableHeaderProps {
  label: string;
  sortKey: JobSort;
  sorting: JobsSorting;
}

/** A column header that sorts the listing by its key; `aria-sort` tells assistive technology the current order. */
export function SortableHeader({ label, sortKey, sorting }: SortableHeaderProps) {
  const active = sorting.sort === sortKey;
  const Icon = !active ? IconArrowsSort : sorting.order === 'asc' ? IconSortAscending : IconSortDescending;
  const ariaSort = !active ? 'none' : sorting.order === 'asc' ? 'ascending' : 'descending';
  return (
    <Table.Th aria-sort={ariaSort}>
      <UnstyledButton
        onClick={() => sorting.onSort(sortKey)}
        fw={700}
        fz="sm"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
        data-testid={`sort-${sortKey}`}
      >
        {label}
        <Icon size={14} aria-hidden opacity={active ? 1 : 0.4} />
      </UnstyledButton>
    </Table.Th>
  );
}
