import { CANCELABLE_STATES, FINISHED_STATES, type JobDetail } from '@execops/contract';
import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconHierarchy2, IconPlayerStop } from '@tabler/icons-react';
import { createFileRoute, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ApiError } from '../../../../../../api/client.ts';
import { useJob } from '../../../../../../api/job-queries.ts';
import { DisabledAction } from '../../../../../../components/DisabledAction.tsx';
import { ErrorState } from '../../../../../../components/ErrorState.tsx';
import { JsonBlock } from '../../../../../../components/JsonBlock.tsx';
import { PageFrame } from '../../../../../../components/PageFrame.tsx';
import { AttemptsTable } from '../../../../../../features/jobs/AttemptsTable.tsx';
import { CancelJobDialog } from '../../../../../../features/jobs/CancelJobDialog.tsx';
import { JobErrorAlert } from '../../../../../../features/jobs/JobErrorAlert.tsx';
import { JobFields } from '../../../../../../features/jobs/JobFields.tsx';
import { JobNotFound } from '../../../../../../features/jobs/JobNotFound.tsx';

export const Route = createFileRoute('/ops/operations/jobengine/jobs/$jobId/')({
  staticData: { title: 'Job detail', section: 'jobEngine' },
  component: JobDetailPage,
});

function JobDetailPage() {
  const { jobId } = Route.useParams();
  const job = useJob(jobId);
  const [cancelOpened, cancelDialog] = useDisclosure(false);
  const notFound = job.error instanceof ApiError && job.error.isNotFound;

  let body: ReactNode;
  if (job.isPending) body = <Skeleton height={320} data-testid="job-loading" />;
  else if (notFound) body = <JobNotFound jobId={jobId} />;
  else if (job.isError && !job.data) body = <ErrorState title="The job could not be loaded" error={job.error} onRetry={() => void job.refetch()} />;
  else if (job.data) body = <JobDetailBody job={job.data} />;

  const summary = job.data ? `${job.data.jobType} on queue ${job.data.queue} · ${job.data.id}` : `Job ${jobId}`;
  return (
    <PageFrame title="Job detail" summary={summary} action={<CancelAction job={job.data} onCancel={cancelDialog.open} />}>
      {job.data && <CancelJobDialog job={job.data} opened={cancelOpened} onClose={cancelDialog.close} />}
      {body}
    </PageFrame>
  );
}

function CancelAction({ job, onCancel }: { job: JobDetail | undefined; onCancel: () => void }) {
  if (!job) return <DisabledAction label="Cancel job" reason="Loading the job" />;
  if (!CANCELABLE_STATES.includes(job.state)) {
    return <DisabledAction label="Cancel job" reason={`A ${job.state} job has nothing left to cancel.`} />;
  }
  return (
    <Button color="red" leftSection={<IconPlayerStop size={16} />} onClick={onCancel}>
      Cancel job
    </Button>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} fz="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function JobDetailBody({ job }: { job: JobDetail }) {
  const finished = FINISHED_STATES.includes(job.state);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {finished ? 'Finished; no longer refreshing.' : 'Refreshing every 5 s until the job finishes.'}
        </Text>
        <Button
          variant="light"
          leftSection={<IconHierarchy2 size={16} />}
          renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs/$jobId/dag" params={{ jobId: job.id }} {...props} />}
        >
          Open DAG
        </Button>
      </Group>
      <Section title="Summary">
        <JobFields job={job} />
      </Section>
      {job.lastError && <JobErrorAlert error={job.lastError} title="Last error" />}
      <Section title="Payload">
        <JsonBlock value={job.payload} label="Payload" />
      </Section>
      <Section title="Result">
        {job.result === null ? (
          <Text size="sm" c="dimmed">
            No result{finished ? '.' : ' yet.'}
          </Text>
        ) : (
          <JsonBlock value={job.result} label="Result" />
        )}
      </Section>
      <Section title="Attempts">
        <AttemptsTable attempts={job.attempts} />
      </Section>
    </Stack>
  );
}
