import type { JobSummary, ReplayJobResponse } from '@execops/contract';
import { Checkbox, NumberInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useJobDag, useReplayJob } from '../../api/job-detail-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';
import { PRIORITY_MAX, PRIORITY_MIN, readOptionalPriority } from './priority-input.ts';

interface ReplayJobDialogProps {
  job: JobSummary;
  onClose: () => void;
}

function DownstreamOption({ jobId, checked, onChange }: { jobId: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const dag = useJobDag(jobId);
  if (dag.isPending) return <Text size="xs" c="dimmed">Checking whether the job is part of a DAG…</Text>;
  if (dag.isError) return <Text size="xs" c="red">Could not check the job&apos;s DAG ({dag.error.message}); replaying the job alone.</Text>;
  if (dag.data.edges.length === 0) return null;
  return (
    <Checkbox
      label="With downstream"
      description="The new job takes the original's place in the DAG, and descendants skipped because of it wait again."
      checked={checked}
      onChange={(event) => onChange(event.currentTarget.checked)}
    />
  );
}

export function ReplayJobDialog({ job, onClose }: ReplayJobDialogProps) {
  const [priority, setPriority] = useState<string | number>('');
  const [withDownstream, setWithDownstream] = useState(false);
  const replay = useReplayJob(job.id);
  const navigate = useNavigate();
  const read = readOptionalPriority(priority);
  const blocked = 'error' in read ? read.error : undefined;

  const openNewJob = ({ job: replayed, resetJobIds }: ReplayJobResponse) => {
    const reset = resetJobIds.length > 0 ? ` ${resetJobIds.length} skipped descendants wait again.` : '';
    notifications.show({ color: 'green', title: 'Job replayed', message: `Showing the new job.${reset}` });
    void navigate({ to: '/ops/operations/jobengine/jobs/$jobId', params: { jobId: replayed.id } });
  };

  return (
    <OperatorActionDialog
      title="Replay job"
      opened
      onClose={onClose}
      confirmLabel="Replay job"
      blocked={blocked}
      onConfirm={(operator) =>
        replay.mutateAsync({ options: { priority: 'priority' in read ? read.priority : undefined, withDownstream }, operator })
      }
      onDone={openNewJob}
    >
      <Text size="sm">
        The job ended {job.state}. Replay enqueues a new job with the same type, queue and payload; the new job records
        this one as the job it replays.
      </Text>
      <NumberInput
        label="Priority"
        description={`Empty: 100 ahead of the original (${Math.max(PRIORITY_MIN, job.priority - 100)})`}
        min={PRIORITY_MIN}
        max={PRIORITY_MAX}
        allowDecimal={false}
        value={priority}
        onChange={setPriority}
      />
      <DownstreamOption jobId={job.id} checked={withDownstream} onChange={setWithDownstream} />
    </OperatorActionDialog>
  );
}
