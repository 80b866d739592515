import type { WorkerState } from '@execops/contract';
import { Badge, type MantineColor } from '@mantine/core';
import { IconClockExclamation, IconHeartbeat, IconPlayerPause, IconPlugConnectedX, type Icon } from '@tabler/icons-react';

export const WORKER_STATE_STYLE: Record<WorkerState, { color: MantineColor; icon: Icon; meaning: string }> = {
  active: { color: 'green', icon: IconHeartbeat, meaning: 'heartbeating and claiming jobs' },
  draining: { color: 'orange', icon: IconPlayerPause, meaning: 'finishing its jobs, claiming none' },
  stale: { color: 'yellow', icon: IconClockExclamation, meaning: 'no heartbeat for over 15 s' },
  offline: { color: 'gray', icon: IconPlugConnectedX, meaning: 'deregistered, or no heartbeat for over 60 s' },
};

export function WorkerStateBadge({ state }: { state: WorkerState }) {
  const { color, icon: StateIcon, meaning } = WORKER_STATE_STYLE[state];
  return (
    <Badge
      color={color}
      variant="light"
      tt="none"
      title={meaning}
      styles={{ label: { overflow: 'visible' } }}
      leftSection={<StateIcon size={12} />}
      data-testid="worker-state"
    >
      {state}
    </Badge>
  );
}
