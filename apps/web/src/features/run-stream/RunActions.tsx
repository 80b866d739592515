import type { Run } from '@execops/contract';
import { Button, Group } from '@mantine/core';
import { IconPlayerStop, IconRepeat } from '@tabler/icons-react';
import { useState } from 'react';
import type { RunAction } from '../../api/scheduler-api.ts';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { useMissingScope } from '../auth/use-session.ts';
import { canCancelRun, canRetryRun, RunActionDialog } from '../runs/RunActionDialog.tsx';

// In the order the buttons stand.
const LABELS: Record<RunAction, string> = { 'retry-failed': 'Retry failed', cancel: 'Cancel run' };

/** Cancel the run's unfinished jobs, or replay its failed ones into it; each through the operator dialog. */
export function RunActions({ run }: { run: Run | undefined }) {
  const [action, setAction] = useState<RunAction | null>(null);
  const missingScope = useMissingScope('scheduler:admin');
  if (!run || missingScope) {
    return (
      <Group gap="sm">
        {Object.values(LABELS).map((label) => (
          <DisabledAction key={label} label={label} reason={missingScope ?? 'Loading the run'} />
        ))}
      </Group>
    );
  }
  return (
    <Group gap="sm" wrap="nowrap">
      {canRetryRun(run) ? (
        <Button variant="default" leftSection={<IconRepeat size={16} />} onClick={() => setAction('retry-failed')}>
          {LABELS['retry-failed']}
        </Button>
      ) : (
        <DisabledAction label={LABELS['retry-failed']} reason="The run has no failed jobs to retry." />
      )}
      {canCancelRun(run) ? (
        <Button color="red" leftSection={<IconPlayerStop size={16} />} onClick={() => setAction('cancel')}>
          {LABELS.cancel}
        </Button>
      ) : (
        <DisabledAction label={LABELS.cancel} reason={`A ${run.state} run has no unfinished jobs to cancel.`} />
      )}
      {action && <RunActionDialog action={action} run={run} onClose={() => setAction(null)} />}
    </Group>
  );
}
