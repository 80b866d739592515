import type { ChangePriorityResponse, JobSummary } from '@execops/contract';
import { NumberInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useChangePriority } from '../../api/job-detail-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';
import { PRIORITY_MAX, PRIORITY_MIN, readPriority } from './priority-input.ts';

interface ChangePriorityDialogProps {
  job: JobSummary;
  onClose: () => void;
}

function announce({ job, previousPriority }: ChangePriorityResponse) {
  notifications.show({ color: 'green', title: 'Priority changed', message: `From ${previousPriority} to ${job.priority}.` });
}

export function ChangePriorityDialog({ job, onClose }: ChangePriorityDialogProps) {
  const [value, setValue] = useState<string | number>(job.priority);
  const change = useChangePriority(job.id);
  const read = readPriority(value);
  const blocked = 'error' in read ? read.error : read.priority === job.priority ? 'That is the current priority.' : undefined;

  return (
    <OperatorActionDialog
      title="Change priority"
      opened
      onClose={onClose}
      confirmLabel="Change priority"
      blocked={blocked}
      onConfirm={(operator) => change.mutateAsync({ priority: 'priority' in read ? read.priority : job.priority, operator })}
      onDone={announce}
    >
      <Text size="sm">
        The job is {job.state} with priority {job.priority}. Lower runs first: it goes ahead of waiting jobs with a higher number.
      </Text>
      <NumberInput
        label="New priority"
        min={PRIORITY_MIN}
        max={PRIORITY_MAX}
        allowDecimal={false}
        value={value}
        onChange={setValue}
      />
    </OperatorActionDialog>
  );
}
