import type { JobSummary } from '@execops/contract';
import { Anchor, Stack, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { Timestamp } from '../../components/Timestamp.tsx';
import { JobStateBadge } from './JobStateBadge.tsx';
import { shortJobId } from './short-job-id.ts';

const COLUMNS = ['ID', 'Job type', 'Queue', 'State', 'Attempts', 'Created', 'Started / finished', 'Last error'];

export function JobsTableHead() {
  return (
    <Table.Thead>
      <Table.Tr>
        {COLUMNS.map((column) => (
          <Table.Th key={column}>{column}</Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

function JobRow({ job }: { job: JobSummary }) {
  const error = job.lastError ? `${job.lastError.code}: ${job.lastError.message}` : undefined;
  return (
    <Table.Tr data-testid="job-row">
      <Table.Td>
        <Anchor
          renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs/$jobId" params={{ jobId: job.id }} {...props} />}
          title={job.id}
          ff="monospace"
          fz="sm"
        >
          {shortJobId(job.id)}
        </Anchor>
      </Table.Td>
      <Table.Td>{job.jobType}</Table.Td>
      <Table.Td>{job.queue}</Table.Td>
      <Table.Td>
        <JobStateBadge state={job.state} />
      </Table.Td>
      <Table.Td>
        {job.attempt}/{job.maxAttempts}
      </Table.Td>
      <Table.Td>
        <Timestamp iso={job.createdAt} />
      </Table.Td>
      <Table.Td>
        {job.startedAt === null ? (
          '—'
        ) : (
          <Stack gap={0}>
            <Timestamp iso={job.startedAt} />
            {job.finishedAt !== null && <Timestamp iso={job.finishedAt} />}
          </Stack>
        )}
      </Table.Td>
      <Table.Td maw={320}>
        {error ? (
          <Text size="sm" c="red" truncate="end" title={error}>
            {error}
          </Text>
        ) : (
          '—'
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function JobsTable({ jobs }: { jobs: readonly JobSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover data-testid="jobs-table">
        <JobsTableHead />
        <Table.Tbody>
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
