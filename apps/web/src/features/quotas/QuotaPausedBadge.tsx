import { Badge } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';

export function QuotaPausedBadge({ paused }: { paused: boolean }) {
  return paused ? (
    <Badge color="orange" variant="light" leftSection={<IconPlayerPause size={12} />} data-testid="quota-state">
      paused
    </Badge>
  ) : (
    <Badge color="green" variant="light" leftSection={<IconPlayerPlay size={12} />} data-testid="quota-state">
      admitting
    </Badge>
  );
}
