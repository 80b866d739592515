import { JobPriority, type BulkJobsResponse } from '@execops/contract';
import { NumberInput, Stack } from '@mantine/core';
import { useState } from 'react';
import { useBulkDryRun } from '../../api/bulk-jobs-queries.ts';
import { jobActionsApi, type BulkJobAction } from '../../api/job-actions-api.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';
import { BulkDryRunPreview } from '../selection/BulkDryRunPreview.tsx';
import { dryRunBlocker } from '../selection/bulk-dry-run.ts';
import { BULK_ACTION_TEXT, dryRunSummary, type BulkSelectionBody } from './bulk-actions.ts';

interface BulkJobActionDialogProps {
  action: BulkJobAction;
  selection: BulkSelectionBody;
  onClose: () => void;
  onDone: (result: BulkJobsResponse) => void;
}

function priorityProblem(value: string | number): string | undefined {
  if (value === '') return 'Enter the new priority.';
  return JobPriority.safeParse(Number(value)).success ? undefined : 'Priority must be a whole number from −1000 to 1000.';
}

/** Confirms a bulk action: the dry-run count first (no reason needed for it), then the reason and the real run. */
export function BulkJobActionDialog({ action, selection, onClose, onDone }: BulkJobActionDialogProps) {
  const text = BULK_ACTION_TEXT[action];
  const dryRun = useBulkDryRun(action, selection);
  const [priority, setPriority] = useState<string | number>('');
  const problem = action === 'priority' ? priorityProblem(priority) : undefined;

  return (
    <OperatorActionDialog
      title={text.title}
      opened
      onClose={onClose}
      confirmLabel={dryRun.data ? `${text.title} (${dryRun.data.matched})` : text.title}
      color={action === 'cancel' ? 'red' : undefined}
      blocked={dryRunBlocker(dryRun, 'selected jobs', `None of the selected jobs can be ${text.can}.`) ?? problem}
      onConfirm={(operator) =>
        jobActionsApi.bulk(action, action === 'priority' ? { ...selection, priority: Number(priority) } : selection, operator)
      }
      onDone={onDone}
    >
      <Stack gap="xs">
        <BulkDryRunPreview dryRun={dryRun} counted="selected jobs" summary={(data) => dryRunSummary(action, data)} />
        {action === 'priority' && (
          <NumberInput
            label="New priority"
            description="−1000 to 1000; lower runs first"
            value={priority}
            onChange={setPriority}
            allowDecimal={false}
            error={priority !== '' && problem !== undefined}
            data-autofocus
          />
        )}
      </Stack>
    </OperatorActionDialog>
  );
}
