import type { DeadLetterStatus } from '@execops/contract';
import { Badge, type MantineColor } from '@mantine/core';
import { IconCircleCheck, IconInbox, IconRepeat, type Icon } from '@tabler/icons-react';

export const DEAD_LETTER_STATUS_STYLE: Record<DeadLetterStatus, { color: MantineColor; icon: Icon }> = {
  open: { color: 'red', icon: IconInbox },
  replayed: { color: 'blue', icon: IconRepeat },
  resolved: { color: 'green', icon: IconCircleCheck },
};

export function DeadLetterStatusBadge({ status }: { status: DeadLetterStatus }) {
  const { color, icon: StatusIcon } = DEAD_LETTER_STATUS_STYLE[status];
  return (
    <Badge color={color} variant="light" leftSection={<StatusIcon size={12} />} data-testid="dead-letter-status">
      {status}
    </Badge>
  );
}
