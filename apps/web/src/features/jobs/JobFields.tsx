import type { JobSummary } from '@execops/contract';
import { DataList, SimpleGrid } from '@mantine/core';
import type { ReactNode } from 'react';
import { Duration } from '../../components/Duration.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { millisBetween } from '../../time/format-duration.ts';
import { JobStateBadge } from './JobStateBadge.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

/** The job's settings, lease and timings; its identifiers are in the page header. */
export function JobFields({ job }: { job: JobSummary }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" data-testid="job-fields">
      <DataList labelWidth={150}>
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
        <Field label="Tags">{job.tags.length > 0 ? job.tags.join(', ') : '—'}</Field>
        <Field label="Lease owner">{job.leaseOwner ?? '—'}</Field>
        <Field label="Lease until">
          <Timestamp iso={job.leaseUntil} />
        </Field>
        <Field label="Heartbeat">
          <Timestamp iso={job.heartbeatAt} />
        </Field>
        <Field label="Cancel requested">
          <Timestamp iso={job.cancelRequestedAt} />
        </Field>
      </DataList>
      <DataList labelWidth={150} data-testid="job-timings">
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
        <Field label="Created → started">
          <Duration ms={millisBetween(job.createdAt, job.startedAt)} />
        </Field>
        <Field label="Started → finished">
          <Duration ms={millisBetween(job.startedAt, job.finishedAt)} />
        </Field>
        <Field label="Created → finished">
          <Duration ms={millisBetween(job.createdAt, job.finishedAt)} />
        </Field>
      </DataList>
    </SimpleGrid>
  );
}
