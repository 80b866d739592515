import type { WorkerState } from '@execops/contract';
import { IconClockExclamation, IconHeartbeat, IconPlayerPause, IconPlugConnectedX } from '@tabler/icons-react';
import { StatusBadge, type StatusStyleTable } from '../../components/StatusBadge.tsx';

const WORKER_STATE_STYLE: StatusStyleTable<WorkerState> = {
  active: { color: 'green', icon: IconHeartbeat, meaning: 'heartbeating and claiming jobs' },
  draining: { color: 'orange', icon: IconPlayerPause, meaning: 'finishing its jobs, claiming none' },
  stale: { color: 'yellow', icon: IconClockExclamation, meaning: 'no heartbeat for over 15 s' },
  offline: { color: 'gray', icon: IconPlugConnectedX, meaning: 'deregistered, or no heartbeat for over 60 s' },
};

export const WorkerStateBadge = ({ state }: { state: WorkerState }) => (
  <StatusBadge status={state} styles={WORKER_STATE_STYLE} testId="worker-state" />
);
