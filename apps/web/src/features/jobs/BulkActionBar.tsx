import { Button } from '@mantine/core';
import { IconArrowBackUp, IconArrowsSort, IconX } from '@tabler/icons-react';
import type { BulkJobAction } from '../../api/job-actions-api.ts';
import { SelectionBar, type SelectionBarProps } from '../selection/SelectionBar.tsx';

type BulkActionBarProps = Omit<SelectionBarProps, 'noun' | 'children'> & { onAction: (action: BulkJobAction) => void };

export function BulkActionBar({ onAction, ...selection }: BulkActionBarProps) {
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
