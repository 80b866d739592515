import type { ScheduleState } from '@execops/contract';
import { IconCircleOff, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { StatusBadge, type StatusStyleTable } from '../../components/StatusBadge.tsx';

export const SCHEDULE_STATE_STYLE: StatusStyleTable<ScheduleState> = {
  active: { color: 'green', icon: IconPlayerPlay },
  paused: { color: 'orange', icon: IconPlayerPause },
  disabled: { color: 'gray', icon: IconCircleOff },
};

export function ScheduleStateBadge({ state }: { state: ScheduleState }) {
  return <StatusBadge status={state} styles={SCHEDULE_STATE_STYLE} testId="schedule-state" />;
}
