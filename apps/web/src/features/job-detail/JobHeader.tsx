import type { JobDetail, JobProgress } from '@execops/contract';
import { Anchor, Badge, Button, DataList, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconHierarchy2 } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { DataField } from '../../components/DataField.tsx';
import { CopyableValue } from '../../components/CopyableValue.tsx';
import { LiveBadge } from '../../components/LiveBadge.tsx';
import { DeadLetterEntryLink } from '../dead-letter/DeadLetterEntryLink.tsx';
import { JobIdLink } from '../jobs/JobIdLink.tsx';
import { JobStateBadge } from '../jobs/JobStateBadge.tsx';

function OptionalId({ value, label }: { value: string | null; label: string }) {
  return value === null ? <>—</> : <CopyableValue value={value} label={label} />;
}

/** The canonical run page, whether or not the scheduler pages can show it yet. */
function RunLink({ runId }: { runId: string }) {
  return (
    <CopyableValue value={runId} label="run id">
      <Anchor
        ff="monospace"
        fz="xs"
        data-testid="run-link"
        renderRoot={(props) => <Link to="/ops/operations/scheduler/runs/$runId/stream" params={{ runId }} {...props} />}
      >
        {runId}
      </Anchor>
    </CopyableValue>
  );
}

export function JobProgressBar({ progress }: { progress: JobProgress }) {
  return (
    <Stack gap={4} data-testid="job-progress">
      <Progress value={progress.percent} aria-label="Progress" animated />
      <Text size="xs">
        {progress.percent}%{progress.message ? ` · ${progress.message}` : ''}
      </Text>
    </Stack>
  );
}

/** What the job is and where it comes from: state, placement, attempts, progress and every identifier to copy. */
export function JobHeader({ job }: { job: JobDetail }) {
  return (
    <Paper withBorder p="md" data-testid="job-header">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Group gap="sm">
            <JobStateBadge state={job.state} />
            <Text fw={600} data-testid="job-type">
              {job.jobType}
            </Text>
            <Badge variant="outline" color="gray">
              queue {job.queue}
            </Badge>
            <Badge variant="outline" color="gray" data-testid="job-priority">
              priority {job.priority}
            </Badge>
            <Badge variant="outline" color="gray">
              attempt {job.attempt}/{job.maxAttempts}
            </Badge>
          </Group>
          <Group gap="sm">
            <LiveBadge />
            <Button
              variant="light"
              size="xs"
              leftSection={<IconHierarchy2 size={14} />}
              renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs/$jobId/dag" params={{ jobId: job.id }} {...props} />}
            >
              Open DAG
            </Button>
          </Group>
        </Group>
        {job.state === 'running' &&
          (job.progress ? (
            <JobProgressBar progress={job.progress} />
          ) : (
            <Text size="xs" c="dimmed">
              Running; the worker has reported no progress yet.
            </Text>
          ))}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <DataList labelWidth={130}>
            <DataField label="Job id">
              <CopyableValue value={job.id} label="job id" />
            </DataField>
            <DataField label="Replay of">
              {job.replayOf === null ? '—' : <JobIdLink jobId={job.replayOf} label="original job id" testId="replay-of-link" />}
            </DataField>
            {job.state === 'failed' && (
              <DataField label="Dead-letter entry">
                <DeadLetterEntryLink jobId={job.id} />
              </DataField>
            )}
            <DataField label="Run">{job.runId === null ? '—' : <RunLink runId={job.runId} />}</DataField>
          </DataList>
          <DataList labelWidth={130}>
            <DataField label="Correlation id">
              <OptionalId value={job.correlationId} label="correlation id" />
            </DataField>
            <DataField label="Idempotency key">
              <OptionalId value={job.idempotencyKey} label="idempotency key" />
            </DataField>
            <DataField label="Payload digest">
              <CopyableValue value={job.payloadDigest} label="payload digest" />
            </DataField>
          </DataList>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
