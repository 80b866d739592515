import type { JobSummary } from '@execops/contract';
import { Anchor, Code, DataList, Progress, SimpleGrid, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { Timestamp } from '../../components/Timestamp.tsx';
import { JobStateBadge } from './JobStateBadge.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

const orDash = (value: string | null) => value ?? '—';

function JobLink({ jobId }: { jobId: string | null }) {
  if (jobId === null) return <>—</>;
  return (
    <Anchor
      ff="monospace"
      fz="sm"
      renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs/$jobId" params={{ jobId }} {...props} />}
    >
      {jobId}
    </Anchor>
  );
}

export function JobFields({ job }: { job: JobSummary }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" data-testid="job-fields">
      <DataList labelWidth={140}>
        <Field label="ID">
          <Code>{job.id}</Code>
        </Field>
        <Field label="State">
          <JobStateBadge state={job.state} />
        </Field>
        <Field label="Job type">{job.jobType}</Field>
        <Field label="Queue">{job.queue}</Field>
        <Field label="Tenant">{job.tenant}</Field>
        <Field label="Priority">{job.priority}</Field>
        <Field label="Attempts">
          {job.attempt}/{job.maxAttempts}
        </Field>
        <Field label="Timeout">{job.timeoutSeconds} s</Field>
        <Field label="Progress">
          {job.progress ? (
            <>
              <Progress value={job.progress.percent} aria-label="Progress" />
              <Text size="xs">
                {job.progress.percent}% {job.progress.message ?? ''}
              </Text>
            </>
          ) : (
            '—'
          )}
        </Field>
        <Field label="Tags">{job.tags.length > 0 ? job.tags.join(', ') : '—'}</Field>
      </DataList>
      <DataList labelWidth={140}>
        <Field label="Created">
          <Timestamp iso={job.createdAt} />
        </Field>
        <Field label="Run at">
          <Timestamp iso={job.runAt} />
        </Field>
        <Field label="Started">
          <Timestamp iso={job.startedAt} />
        </Field>
        <Field label="Finished">
          <Timestamp iso={job.finishedAt} />
        </Field>
        <Field label="Lease owner">{orDash(job.leaseOwner)}</Field>
        <Field label="Lease until">
          <Timestamp iso={job.leaseUntil} />
        </Field>
        <Field label="Heartbeat">
          <Timestamp iso={job.heartbeatAt} />
        </Field>
        <Field label="Cancel requested">
          <Timestamp iso={job.cancelRequestedAt} />
        </Field>
        <Field label="Idempotency key">{orDash(job.idempotencyKey)}</Field>
        <Field label="Correlation id">{orDash(job.correlationId)}</Field>
        <Field label="Run">{orDash(job.runId)}</Field>
        <Field label="Replay of">
          <JobLink jobId={job.replayOf} />
        </Field>
        <Field label="Payload digest">
          <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {job.payloadDigest}
          </Text>
        </Field>
      </DataList>
    </SimpleGrid>
  );
}
