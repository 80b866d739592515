import type { RunState } from '@execops/contract';
import { IconBan, IconCheck, IconClock, IconPencil, IconPlayerPlay, IconX } from '@tabler/icons-react';
import { StatusBadge, type StatusStyleTable } from '../../components/StatusBadge.tsx';

export const RUN_STATE_STYLE: StatusStyleTable<RunState> = {
  planning: { color: 'gray', icon: IconPencil },
  queued: { color: 'blue', icon: IconClock },
  running: { color: 'indigo', icon: IconPlayerPlay },
  completed: { color: 'green', icon: IconCheck },
  error: { color: 'red', icon: IconX },
  cancelled: { color: 'orange', icon: IconBan },
};

export function RunStateBadge({ state }: { state: RunState }) {
  return <StatusBadge status={state} styles={RUN_STATE_STYLE} testId="run-state" />;
}
