import type { JobSummary } from '@execops/contract';
import { DataList, SimpleGrid } from '@mantine/core';
import { DataField } from '../../components/DataField.tsx';
import { Duration } from '../../components/Duration.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { millisBetween } from '../../time/format-duration.ts';
import { JobStateBadge } from './JobStateBadge.tsx';

/** The job's settings, lease and timings; its identifiers are in the page header. */
export function JobFields({ job }: { job: JobSummary }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" data-testid="job-fields">
      <DataList labelWidth={150}>
        <DataField label="State">
          <JobStateBadge state={job.state} />
        </DataField>
        <DataField label="Job type">{job.jobType}</DataField>
        <DataField label="Queue">{job.queue}</DataField>
        <DataField label="Tenant">{job.tenant}</DataField>
        <DataField label="Priority">{job.priority}</DataField>
        <DataField label="Attempts">
          {job.attempt}/{job.maxAttempts}
        </DataField>
        <DataField label="Timeout">{job.timeoutSeconds} s</DataField>
        <DataField label="Tags">{job.tags.length > 0 ? job.tags.join(', ') : '—'}</DataField>
        <DataField label="Lease owner">{job.leaseOwner ?? '—'}</DataField>
        <DataField label="Lease until">
          <Timestamp iso={job.leaseUntil} />
        </DataField>
        <DataField label="Heartbeat">
          <Timestamp iso={job.heartbeatAt} />
        </DataField>
        <DataField label="Cancel requested">
          <Timestamp iso={job.cancelRequestedAt} />
        </DataField>
      </DataList>
      <DataList labelWidth={150} data-testid="job-timings">
        <DataField label="Created">
          <Timestamp iso={job.createdAt} />
        </DataField>
        <DataField label="Run at">
          <Timestamp iso={job.runAt} />
        </DataField>
        <DataField label="Started">
          <Timestamp iso={job.startedAt} />
        </DataField>
        <DataField label="Finished">
          <Timestamp iso={job.finishedAt} />
        </DataField>
        <DataField label="Created → started">
          <Duration ms={millisBetween(job.createdAt, job.startedAt)} />
        </DataField>
        <DataField label="Started → finished">
          <Duration ms={millisBetween(job.startedAt, job.finishedAt)} />
        </DataField>
        <DataField label="Created → finished">
          <Duration ms={millisBetween(job.createdAt, job.finishedAt)} />
        </DataField>
      </DataList>
    </SimpleGrid>
  );
}
