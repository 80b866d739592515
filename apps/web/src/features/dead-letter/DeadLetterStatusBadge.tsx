import type { DeadLetterStatus } from '@execops/contract';
import { IconCircleCheck, IconInbox, IconRepeat } from '@tabler/icons-react';
import { StatusBadge, type StatusStyleTable } from '../../components/StatusBadge.tsx';

export const DEAD_LETTER_STATUS_STYLE: StatusStyleTable<DeadLetterStatus> = {
  open: { color: 'red', icon: IconInbox },
  replayed: { color: 'blue', icon: IconRepeat },
  resolved: { color: 'green', icon: IconCircleCheck },
};

export function DeadLetterStatusBadge({ status }: { status: DeadLetterStatus }) {
  return <StatusBadge status={status} styles={DEAD_LETTER_STATUS_STYLE} testId="dead-letter-status" />;
}
