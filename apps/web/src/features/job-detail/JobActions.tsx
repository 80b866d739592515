import { CANCELABLE_STATES, FINISHED_STATES, WAITING_STATES, type JobDetail } from '@execops/contract';
import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowsSort, IconPlayerStop, IconRepeat } from '@tabler/icons-react';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { useMissingScope } from '../auth/use-session.ts';
import { CancelJobDialog } from '../jobs/CancelJobDialog.tsx';
import { ChangePriorityDialog } from './ChangePriorityDialog.tsx';
import { ReplayJobDialog } from './ReplayJobDialog.tsx';

const ACTION_LABELS = { cancel: 'Cancel job', replay: 'Replay job', priority: 'Change priority' } as const;

/** The operator actions on one job; each opens its confirmation dialog, or says why it does not apply. */
export function JobActions({ job }: { job: JobDetail | undefined }) {
  const [cancelOpened, cancelDialog] = useDisclosure(false);
  const [replayOpened, replayDialog] = useDisclosure(false);
  const [priorityOpened, priorityDialog] = useDisclosure(false);
  const missingScope = useMissingScope('jobs:operate');

  if (!job || missingScope) {
    return (
      <Group gap="sm">
        {Object.values(ACTION_LABELS).map((label) => (
          <DisabledAction key={label} label={label} reason={missingScope ?? 'Loading the job'} />
        ))}
      </Group>
    );
  }
  const finished = FINISHED_STATES.includes(job.state);
  return (
    <Group gap="sm" wrap="nowrap">
      {WAITING_STATES.includes(job.state) ? (
        <Button variant="default" leftSection={<IconArrowsSort size={16} />} onClick={priorityDialog.open}>
          {ACTION_LABELS.priority}
        </Button>
      ) : (
        <DisabledAction label={ACTION_LABELS.priority} reason={`Only a job that has not started changes priority; this one is ${job.state}.`} />
      )}
      {finished ? (
        <Button variant="default" leftSection={<IconRepeat size={16} />} onClick={replayDialog.open}>
          {ACTION_LABELS.replay}
        </Button>
      ) : (
        <DisabledAction label={ACTION_LABELS.replay} reason={`A ${job.state} job has not finished; replay it once it has.`} />
      )}
      {CANCELABLE_STATES.includes(job.state) ? (
        <Button color="red" leftSection={<IconPlayerStop size={16} />} onClick={cancelDialog.open}>
          {ACTION_LABELS.cancel}
        </Button>
      ) : (
        <DisabledAction label={ACTION_LABELS.cancel} reason={`A ${job.state} job has nothing left to cancel.`} />
      )}
      <CancelJobDialog job={job} opened={cancelOpened} onClose={cancelDialog.close} />
      {/* Mounted only while open, so their fields start afresh from the job as it is now. */}
      {replayOpened && <ReplayJobDialog job={job} onClose={replayDialog.close} />}
      {priorityOpened && <ChangePriorityDialog job={job} onClose={priorityDialog.close} />}
    </Group>
  );
}
