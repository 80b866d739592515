import type { JobState } from '@execops/contract';
import {
  IconBan,
  IconCalendarTime,
  IconCheck,
  IconClock,
  IconHandStop,
  IconLock,
  IconPlayerPlay,
  IconPlayerSkipForward,
  IconX,
} from '@tabler/icons-react';
import { StatusBadge, type StatusStyleTable } from '../../components/StatusBadge.tsx';

export const JOB_STATE_STYLE: StatusStyleTable<JobState> = {
  blocked: { color: 'gray', icon: IconLock },
  queued: { color: 'blue', icon: IconClock },
  scheduled: { color: 'cyan', icon: IconCalendarTime },
  throttled: { color: 'yellow', icon: IconHandStop },
  running: { color: 'indigo', icon: IconPlayerPlay },
  succeeded: { color: 'green', icon: IconCheck },
  failed: { color: 'red', icon: IconX },
  canceled: { color: 'orange', icon: IconBan },
  skipped: { color: 'gray', icon: IconPlayerSkipForward },
};

export function JobStateBadge({ state }: { state: JobState }) {
  return <StatusBadge status={state} styles={JOB_STATE_STYLE} testId="job-state" />;
}
