import type { JobState } from '@execops/contract';
import { Badge, type MantineColor } from '@mantine/core';
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
  type Icon,
} from '@tabler/icons-react';

export const JOB_STATE_STYLE: Record<JobState, { color: MantineColor; icon: Icon }> = {
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
  const { color, icon: StateIcon } = JOB_STATE_STYLE[state];
  return (
    // Never truncated: the state must stay readable as text, not only as an icon, in narrow table cells.
    <Badge
      color={color}
      variant="light"
      tt="none"
      styles={{ label: { overflow: 'visible' } }}
      leftSection={<StateIcon size={12} />}
      data-testid="job-state"
    >
      {state}
    </Badge>
  );
}
