import type { CancelJobResponse, JobSummary } from '@execops/contract';
import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCancelJob } from '../../api/job-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

interface CancelJobDialogProps {
  job: JobSummary;
  opened: boolean;
  onClose: () => void;
}

function announce({ outcome }: CancelJobResponse) {
  notifications.show(
    outcome === 'canceled'
      ? { color: 'green', title: 'Job canceled', message: 'The job will not run.' }
      : { color: 'blue', title: 'Cancel requested', message: 'The worker is told on its next heartbeat.' },
  );
}

export function CancelJobDialog({ job, opened, onClose }: CancelJobDialogProps) {
  const cancel = useCancelJob(job.id);
  return (
    <OperatorActionDialog
      title="Cancel job"
      opened={opened}
      onClose={onClose}
      confirmLabel="Cancel job"
      dismissLabel="Keep job"
      color="red"
      onConfirm={cancel.mutateAsync}
      onDone={announce}
    >
      <Text size="sm">
        {job.state === 'running'
          ? 'The job is running: its worker is asked to stop at its next heartbeat.'
          : `The job is ${job.state}: it is canceled at once and will not run.`}
      </Text>
    </OperatorActionDialog>
  );
}
