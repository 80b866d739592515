import type { JobSort, JobSummary } from '@execops/contract';
import { Anchor, Checkbox, Stack, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { Timestamp } from '../../components/Timestamp.tsx';
import { JobStateBadge } from './JobStateBadge.tsx';
import { shortJobId } from './short-job-id.ts';
import { SortableHeader, type JobsSorting } from './SortableHeader.tsx';

interface Column {
  label: string;
  sortKey?: JobSort;
}
const COLUMNS: Column[] = [
  { label: 'ID' },
  { label: 'Job type' },
  { label: 'Queue' },
  { label: 'State' },
  { label: 'Priority', sortKey: 'priority' },
  { label: 'Attempts' },
  { label: 'Created', sortKey: 'createdAt' },
  { label: 'Run at', sortKey: 'runAt' },
  { label: 'Started / finished', sortKey: 'finishedAt' },
  { label: 'Last error' },
];
export const JOBS_TABLE_COLUMNS = COLUMNS.length;

export interface JobsSelection {
  selected: ReadonlySet<string>;
  onToggle: (jobId: string) => void;
  onTogglePage: () => void;
}

interface JobsTableHeadProps {
  sorting?: JobsSorting | undefined;
  selection?: { allOnPage: boolean; someOnPage: boolean; onTogglePage: () => void } | undefined;
}

export function JobsTableHead({ sorting, selection }: JobsTableHeadProps) {
  return (
    <Table.Thead>
      <Table.Tr>
        {selection && (
          <Table.Th w={40}>
            <Checkbox
              aria-label="Select all jobs on this page"
              checked={selection.allOnPage}
              indeterminate={selection.someOnPage && !selection.allOnPage}
              onChange={selection.onTogglePage}
            />
          </Table.Th>
        )}
        {COLUMNS.map((column) =>
          sorting && column.sortKey ? (
            <SortableHeader key={column.label} label={column.label} sortKey={column.sortKey} sorting={sorting} />
          ) : (
            <Table.Th key={column.label}>{column.label}</Table.Th>
          ),
        )}
      </Table.Tr>
    </Table.Thead>
  );
}

function JobRow({ job, selection }: { job: JobSummary; selection: JobsSelection | undefined }) {
  const error = job.lastError ? `${job.lastError.code}: ${job.lastError.message}` : undefined;
  const selected = selection?.selected.has(job.id) ?? false;
  return (
    <Table.Tr data-testid="job-row" data-job-id={job.id} bg={selected ? 'var(--mantine-primary-color-light)' : undefined}>
      {selection && (
        <Table.Td>
          <Checkbox aria-label={`Select job ${job.id}`} checked={selected} onChange={() => selection.onToggle(job.id)} />
        </Table.Td>
      )}
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
      <Table.Td data-testid="job-priority">{job.priority}</Table.Td>
      <Table.Td>
        {job.attempt}/{job.maxAttempts}
      </Table.Td>
      <Table.Td>
        <Timestamp iso={job.createdAt} />
      </Table.Td>
      <Table.Td>
        <Timestamp iso={job.runAt} />
      </Table.Td>
      <Table.Td>
        {job.startedAt === null && job.finishedAt === null ? (
          '—'
        ) : (
          <Stack gap={0}>
            {job.startedAt !== null && <Timestamp iso={job.startedAt} />}
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

interface JobsTableProps {
  jobs: readonly JobSummary[];
  sorting?: JobsSorting;
  selection?: JobsSelection;
}

export function JobsTable({ jobs, sorting, selection }: JobsTableProps) {
  const selectedOnPage = selection ? jobs.filter((job) => selection.selected.has(job.id)).length : 0;
  const headSelection = selection && {
    allOnPage: jobs.length > 0 && selectedOnPage === jobs.length,
    someOnPage: selectedOnPage > 0,
    onTogglePage: selection.onTogglePage,
  };
  return (
    <Table.ScrollContainer minWidth={1320}>
      <Table striped highlightOnHover data-testid="jobs-table" style={{ whiteSpace: 'nowrap' }}>
        <JobsTableHead sorting={sorting} selection={headSelection} />
        <Table.Tbody>
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} selection={selection} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
