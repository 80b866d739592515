import { Badge, Tooltip } from '@mantine/core';
import { IconPlugConnected, IconPlugConnectedX } from '@tabler/icons-react';
import { useLiveStatus } from '../live/use-live-events.ts';

const LABELS = {
  idle: { text: 'Not live', color: 'gray', hint: 'This page is not following live events.' },
  connecting: { text: 'Connecting', color: 'yellow', hint: 'Opening the live event stream.' },
  open: { text: 'Live', color: 'green', hint: 'Updates arrive from the live event stream.' },
  reconnecting: { text: 'Reconnecting', color: 'orange', hint: 'The event stream dropped; reconnecting every 2 s. Data shown is the last that loaded.' },
} as const;

/** Icon + text status of the tab's live event stream. */
export function LiveBadge() {
  const status = useLiveStatus();
  const label = LABELS[status];
  const Icon = status === 'open' ? IconPlugConnected : IconPlugConnectedX;
  return (
    <Tooltip label={label.hint}>
      <Badge data-testid="live-status" color={label.color} variant="light" leftSection={<Icon size={12} />}>
        {label.text}
      </Badge>
    </Tooltip>
  );
}
