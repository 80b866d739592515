import { Button, Group, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { LiveBadge } from './LiveBadge.tsx';
import { Timestamp } from './Timestamp.tsx';

interface LiveRefreshActionsProps {
  /** When the shown data was generated; nothing is shown before the first answer. */
  updatedAt: string | undefined;
  onRefresh: () => void;
  refreshing: boolean;
}

/** The page-header actions of a live overview page: stream state, when the data is from, Refresh. */
export function LiveRefreshActions({ updatedAt, onRefresh, refreshing }: LiveRefreshActionsProps) {
  return (
    <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
      <LiveBadge />
      {updatedAt !== undefined && (
        <Text size="xs" c="dimmed" data-testid="updated-at" style={{ whiteSpace: 'nowrap' }}>
          Updated <Timestamp iso={updatedAt} />
        </Text>
      )}
      <Button variant="default" size="xs" leftSection={<IconRefresh size={14} />} onClick={onRefresh} loading={refreshing}>
        Refresh
      </Button>
    </Group>
  );
}

interface LiveRefreshBarProps {
  /** The query's `dataUpdatedAt` (0 before the first answer). */
  dataUpdatedAt: number;
  onRefresh: () => void;
}

/** The bar above a live list: stream state and Refresh on the left, when the list loaded on the right. */
export function LiveRefreshBar({ dataUpdatedAt, onRefresh }: LiveRefreshBarProps) {
  return (
    <Group justify="space-between">
      <Group gap="md">
        <LiveBadge />
        <Button variant="subtle" size="xs" leftSection={<IconRefresh size={14} />} onClick={onRefresh}>
          Refresh
        </Button>
      </Group>
      {dataUpdatedAt > 0 && (
        <Text size="xs" c="dimmed">
          Updated <Timestamp iso={new Date(dataUpdatedAt).toISOString()} />
        </Text>
      )}
    </Group>
  );
}
