import { Anchor, Button, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface SelectionBarProps {
  /** What the rows are, plural: "jobs", "entries". */
  noun: string;
  /** Rows selected on this page. */
  selectedOnPage: number;
  /** Every row matching the filters is selected. */
  allMatching: boolean;
  /** Offered when the whole page is selected and more rows match. */
  offerAllMatching: boolean;
  /** How many rows match the filters, once counted. */
  matchingCount: number | undefined;
  onSelectAllMatching: () => void;
  onClear: () => void;
  /** The bulk action buttons. */
  children: ReactNode;
}

/** What is selected (this page, or everything matching the filters) and the bulk actions for it. */
export function SelectionBar(props: SelectionBarProps) {
  const { noun, selectedOnPage, allMatching, offerAllMatching, matchingCount, onSelectAllMatching, onClear, children } = props;
  const matching = matchingCount === undefined ? noun : `${matchingCount} ${noun}`;
  return (
    <Paper withBorder p="xs" data-testid="bulk-bar" role="region" aria-label="Bulk actions">
      <Group justify="space-between" gap="sm">
        <Group gap="sm">
          <Text size="sm" fw={600} data-testid="selection-summary">
            {allMatching ? `All ${matching} matching these filters are selected` : `${selectedOnPage} selected on this page`}
          </Text>
          {offerAllMatching && !allMatching && (
            <Anchor component="button" type="button" size="sm" onClick={onSelectAllMatching}>
              Select all {matching} matching these filters
            </Anchor>
          )}
        </Group>
        <Group gap="xs">
          {children}
          <Button size="xs" variant="subtle" color="gray" onClick={onClear}>
            Clear selection
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
