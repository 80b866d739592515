import { Anchor, Button, Group, Paper, Text } from '@mantine/core';
import { IconArrowBackUp, IconArrowsSort, IconX } from '@tabler/icons-react';
import type { BulkJobAction } from '../../api/job-actions-api.ts';

interface BulkActionBarProps {
  /** Rows selected on this page. */
  selectedOnPage: number;
  /** Every job matching the filters is selected. */
  allMatching: boolean;
  /** Offered when the whole page is selected and more jobs match. */
  offerAllMatching: boolean;
  /** How many jobs match the filters, once counted. */
  matchingCount: number | undefined;
  onSelectAllMatching: () => void;
  onClear: () => void;
  onAction: (action: BulkJobAction) => void;
}

export function BulkActionBar(props: BulkActionBarProps) {
  const { selectedOnPage, allMatching, offerAllMatching, matchingCount, onSelectAllMatching, onClear, onAction } = props;
  const matching = matchingCount === undefined ? 'jobs' : `${matchingCount} jobs`;
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
          <Button size="xs" color="red" variant="light" leftSection={<IconX size={14} />} onClick={() => onAction('cancel')}>
            Cancel
          </Button>
          <Button size="xs" variant="light" leftSection={<IconArrowBackUp size={14} />} onClick={() => onAction('replay')}>
            Replay
          </Button>
          <Button size="xs" variant="light" leftSection={<IconArrowsSort size={14} />} onClick={() => onAction('priority')}>
            Change priority
          </Button>
          <Button size="xs" variant="subtle" color="gray" onClick={onClear}>
            Clear selection
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
