import { Button } from '@mantine/core';
import { IconArrowBackUp, IconArrowsSort, IconX } from '@tabler/icons-react';
import type { BulkJobAction } from '../../api/job-actions-api.ts';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { useMissingScope } from '../auth/use-session.ts';
import { SelectionBar, type SelectionBarProps } from '../selection/SelectionBar.tsx';

type BulkActionBarProps = Omit<SelectionBarProps, 'noun' | 'children'> & { onAction: (action: BulkJobAction) => void };

export function BulkActionBar({ onAction, ...selection }: BulkActionBarProps) {
  const missingScope = useMissingScope('jobs:operate');
  if (missingScope)
    return (
      <SelectionBar noun="jobs" {...selection}>
        {['Cancel', 'Replay', 'Change priority'].map((label) => (
          <DisabledAction key={label} size="xs" label={label} reason={missingScope} />
        ))}
      </SelectionBar>
    );
  return (
    <SelectionBar noun="jobs" {...selection}>
      <Button size="xs" color="red" variant="light" leftSection={<IconX size={14} />} onClick={() => onAction('cancel')}>
        Cancel
      </Button>
      <Button size="xs" variant="light" leftSection={<IconArrowBackUp size={14} />} onClick={() => onAction('replay')}>
        Replay
      </Button>
      <Button size="xs" variant="light" leftSection={<IconArrowsSort size={14} />} onClick={() => onAction('priority')}>
        Change priority
      </Button>
    </SelectionBar>
  );
}
