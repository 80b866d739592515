import type { FeedInfo } from '@execops/contract';
import { Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { formatDuration } from '../../time/format-duration.ts';

/** The active kit's age, with a stale badge once it is older than the staleness window. */
export function FeedAge({ feed }: { feed: FeedInfo }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" data-testid="feed-age">
        {formatDuration(feed.ageSeconds * 1000)} old
      </Text>
      {feed.stale && (
        <Badge color="orange" variant="light" tt="none" leftSection={<IconAlertTriangle size={12} />} data-testid="feed-stale">
          stale (over {feed.stalenessDays} days)
        </Badge>
      )}
    </Group>
  );
}
