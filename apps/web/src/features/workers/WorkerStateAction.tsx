import type { WorkerInfo } from '@execops/contract';
import { Button, Text } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import type { WorkerAction } from '../../api/workers-api.ts';
import { useWorkerAction } from '../../api/workers-queries.ts';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { useMissingScope } from '../auth/use-session.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

const VERB: Record<WorkerAction, string> = { drain: 'Drain', resume: 'Resume' };

/** Drain or resume one worker through the operator dialog; a stale or offline worker would not learn of it. */
export function WorkerStateAction({ worker }: { worker: WorkerInfo }) {
  const change = useWorkerAction();
  // Fixed when the dialog opens, so a refresh meanwhile cannot change what is confirmed.
  const [action, setAction] = useState<WorkerAction | null>(null);
  const missingScope = useMissingScope('workers:operate');
  if (missingScope) return <DisabledAction label={worker.state === 'draining' ? VERB.resume : VERB.drain} reason={missingScope} />;
  if (worker.state === 'stale' || worker.state === 'offline') {
    const verb = worker.state === 'offline' ? 'It is offline' : 'It has not sent a heartbeat for over 15 s';
    return <DisabledAction label="Drain" reason={`${verb}: it would not learn of a drain or resume.`} />;
  }
  const next: WorkerAction = worker.state === 'draining' ? 'resume' : 'drain';
  const shown = action ?? next;
  return (
    <>
      <Button
        variant="light"
        color={next === 'drain' ? 'orange' : 'green'}
        leftSection={next === 'drain' ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
        onClick={() => setAction(next)}
      >
        {VERB[next]}
      </Button>
      <OperatorActionDialog
        title={`${VERB[shown]} worker ${worker.name}`}
        opened={action !== null}
        onClose={() => setAction(null)}
        confirmLabel={`${VERB[shown]} worker`}
        color={shown === 'drain' ? 'orange' : 'green'}
        onConfirm={(operator) => change.mutateAsync({ id: worker.id, action: shown, operator })}
      >
        <Text size="sm">
          {shown === 'drain'
            ? `The worker stops claiming jobs and finishes the ${worker.leasedJobs} it runs; jobs of its types stay queued for other workers.`
            : 'The worker claims jobs of its types again.'}
        </Text>
      </OperatorActionDialog>
    </>
  );
}
