import { CANCELABLE_STATES, type Run } from '@execops/contract';
import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RunAction } from '../../api/scheduler-api.ts';
import { useRunAction } from '../../api/scheduler-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

const COPY: Record<RunAction, { title: string; color: string; done: string }> = {
  cancel: { title: 'Cancel run', color: 'red', done: 'Cancel requested' },
  'retry-failed': { title: 'Retry failed jobs', color: 'blue', done: 'Failed jobs replayed' },
};

/** Jobs a cancel would stop: a run in `error` can still have some. */
const unfinishedJobs = (run: Run) => CANCELABLE_STATES.reduce((n, state) => n + (run.counts[state] ?? 0), 0);

function effect(action: RunAction, run: Run): string {
  const unfinished = unfinishedJobs(run);
  if (action === 'cancel') {
    return `The run's ${unfinished} unfinished job${unfinished === 1 ? '' : 's'} are canceled; running ones are asked to stop at their next heartbeat.`;
  }
  const failed = run.counts.failed ?? 0;
  return `The run's ${failed} failed job${failed === 1 ? '' : 's'} are replayed into the same run; their skipped descendants wait for them again.`;
}

/** Cancel a run's unfinished jobs, or replay its failed ones, with the operator's reason. */
export function RunActionDialog({ action, run, onClose }: { action: RunAction; run: Run; onClose: () => void }) {
  const act = useRunAction();
  const { title, color, done } = COPY[action];
  return (
    <OperatorActionDialog
      title={`${title} ${run.scheduleName ?? run.id}`}
      opened
      onClose={onClose}
      confirmLabel={title}
      color={color}
      onConfirm={(operator) => act.mutateAsync({ args: { id: run.id, action }, operator })}
      onDone={({ jobIds }) => notifications.show({ color: 'green', title: done, message: `${jobIds.length} job${jobIds.length === 1 ? '' : 's'}` })}
    >
      <Text size="sm">{effect(action, run)}</Text>
    </OperatorActionDialog>
  );
}

/** Which actions a run offers now. */
export const canCancelRun = (run: Run) => unfinishedJobs(run) > 0;
export const canRetryRun = (run: Run) => (run.counts.failed ?? 0) > 0;
