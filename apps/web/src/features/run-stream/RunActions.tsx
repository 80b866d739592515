import { CANCELABLE_STATES, type Run } from '@execops/contract';
import { Button, Group, Text } from '@mantine/core';
import { IconPlayerStop, IconRepeat } from '@tabler/icons-react';
import { useState } from 'react';
import type { RunAction } from '../../api/runs-api.ts';
import { useRunAction } from '../../api/runs-queries.ts';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

// In the order the buttons stand.
const LABELS: Record<RunAction, string> = { 'retry-failed': 'Retry failed', cancel: 'Cancel run' };

const unfinished = (run: Run) => CANCELABLE_STATES.reduce((n, state) => n + run.counts[state], 0);

/** Cancel the run's unfinished jobs, or replay its failed ones into it; each through the operator dialog. */
export function RunActions({ run }: { run: Run | undefined }) {
  const act = useRunAction();
  const [action, setAction] = useState<RunAction | null>(null);
  if (!run) {
    return (
      <Group gap="sm">
        {Object.values(LABELS).map((label) => (
          <DisabledAction key={label} label={label} reason="Loading the run" />
        ))}
      </Group>
    );
  }
  const open = unfinished(run);
  const failed = run.counts.failed;
  return (
    <Group gap="sm" wrap="nowrap">
      {failed > 0 ? (
        <Button variant="default" leftSection={<IconRepeat size={16} />} onClick={() => setAction('retry-failed')}>
          {LABELS['retry-failed']}
        </Button>
      ) : (
        <DisabledAction label={LABELS['retry-failed']} reason="The run has no failed jobs to retry." />
      )}
      {open > 0 ? (
        <Button color="red" leftSection={<IconPlayerStop size={16} />} onClick={() => setAction('cancel')}>
          {LABELS.cancel}
        </Button>
      ) : (
        <DisabledAction label={LABELS.cancel} reason={`A ${run.state} run has no unfinished jobs to cancel.`} />
      )}
      <OperatorActionDialog
        title={action ? `${LABELS[action]} ${run.id}` : ''}
        opened={action !== null}
        onClose={() => setAction(null)}
        confirmLabel={action ? LABELS[action] : ''}
        color={action === 'cancel' ? 'red' : 'blue'}
        onConfirm={(operator) => act.mutateAsync({ runId: run.id, action: action ?? 'cancel', operator })}
      >
        <Text size="sm">
          {action === 'cancel'
            ? `The run's ${open} unfinished jobs are canceled; running ones are asked to stop.`
            : `The run's ${failed} failed jobs are replayed into this run; their skipped descendants wait for them again.`}
        </Text>
      </OperatorActionDialog>
    </Group>
  );
}
