import type { DagNode, ReplayJobResponse } from '@execops/contract';
import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useReplayWithDownstream } from '../../api/dag-queries.ts';
import { shortJobId } from '../jobs/short-job-id.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

interface ReplayDownstreamDialogProps {
  job: DagNode;
  opened: boolean;
  onClose: () => void;
  onReplayed: (result: ReplayJobResponse) => void;
}

function announce({ job, resetJobIds }: ReplayJobResponse) {
  const waiting = resetJobIds.length === 1 ? '1 downstream job waits for it again' : `${resetJobIds.length} downstream jobs wait for it again`;
  notifications.show({ color: 'green', title: 'Job replayed', message: `New job ${shortJobId(job.id)} is ${job.state}; ${waiting}.` });
}

export function ReplayDownstreamDialog({ job, opened, onClose, onReplayed }: ReplayDownstreamDialogProps) {
  const replay = useReplayWithDownstream(job.id);
  return (
    <OperatorActionDialog
      title="Replay with downstream"
      opened={opened}
      onClose={onClose}
      confirmLabel="Replay with downstream"
      onConfirm={replay.mutateAsync}
      onDone={(result) => {
        announce(result);
        onReplayed(result);
      }}
    >
      <Text size="sm">
        A new {job.jobType} job takes the place of the {job.state} job {shortJobId(job.id)} in this graph: it gets its
        parents and children. The downstream jobs that were skipped because of it go back to blocked and run once the new
        job succeeds.
      </Text>
    </OperatorActionDialog>
  );
}
