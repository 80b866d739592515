import type { DeadLetterEntry } from '@execops/contract';
import { Anchor, Badge, Checkbox, Group, Table, Text } from '@mantine/core';
import { IconRefresh, IconRefreshOff } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { Timestamp } from '../../components/Timestamp.tsx';
import { shortJobId } from '../jobs/short-job-id.ts';
import { DeadLetterStatusBadge } from './DeadLetterStatusBadge.tsx';

const COLUMNS = [
  'Entry',
  'Job',
  'Status',
  'Job type',
  'Error',
  'Class',
  'Retryable',
  'Attempts',
  'Replays',
  'First failed',
  'Dead-lettered',
] as const;

export interface DeadLetterTableSelection {
  selected: ReadonlySet<string>;
  onToggle: (entryId: string) => void;
  onTogglePage: () => void;
}

function JobLink({ jobId }: { jobId: string }) {
  return (
    <Anchor
      renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs/$jobId" params={{ jobId }} {...props} />}
      title={jobId}
      ff="monospace"
      fz="sm"
    >
      {shortJobId(jobId)}
    </Anchor>
  );
}

function Replays({ jobIds }: { jobIds: readonly string[] }) {
  const newest = jobIds.at(-1);
  if (newest === undefined) return '—';
  return (
    <Group gap={6} wrap="nowrap" data-testid="dead-letter-replays">
      <Text size="sm">{jobIds.length} ×</Text>
      <span title="the newest replay job" data-testid="newest-replay">
        <JobLink jobId={newest} />
      </span>
    </Group>
  );
}

function EntryRow({ entry, selection }: { entry: DeadLetterEntry; selection: DeadLetterTableSelection }) {
  const error = `${entry.error.code}: ${entry.error.message}`;
  const selected = selection.selected.has(entry.id);
  return (
    <Table.Tr data-testid="dead-letter-row" data-entry-id={entry.id} bg={selected ? 'var(--mantine-primary-color-light)' : undefined}>
      <Table.Td>
        <Checkbox aria-label={`Select entry ${entry.id}`} checked={selected} onChange={() => selection.onToggle(entry.id)} />
      </Table.Td>
      <Table.Td>
        <Anchor
          renderRoot={(props) => <Link to="/ops/operations/dead-letter/entry/$entryId" params={{ entryId: entry.id }} {...props} />}
          title={entry.id}
          ff="monospace"
          fz="sm"
        >
          {shortJobId(entry.id)}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <JobLink jobId={entry.jobId} />
      </Table.Td>
      <Table.Td>
        <DeadLetterStatusBadge status={entry.status} />
      </Table.Td>
      <Table.Td>{entry.jobType}</Table.Td>
      <Table.Td maw={320}>
        <Text size="sm" c="red" truncate="end" title={error} data-testid="dead-letter-error">
          {error}
        </Text>
      </Table.Td>
      <Table.Td>{entry.error.class}</Table.Td>
      <Table.Td>
        <Badge
          variant="outline"
          color={entry.error.retryable ? 'teal' : 'gray'}
          leftSection={entry.error.retryable ? <IconRefresh size={12} /> : <IconRefreshOff size={12} />}
        >
          {entry.error.retryable ? 'yes' : 'no'}
        </Badge>
      </Table.Td>
      <Table.Td>{entry.attempts}</Table.Td>
      <Table.Td>
        <Replays jobIds={entry.replayedJobIds} />
      </Table.Td>
      <Table.Td>
        <Timestamp iso={entry.firstFailedAt} />
      </Table.Td>
      <Table.Td>
        <Timestamp iso={entry.deadLetteredAt} />
      </Table.Td>
    </Table.Tr>
  );
}

interface DeadLetterTableProps {
  entries: readonly DeadLetterEntry[];
  selection: DeadLetterTableSelection;
}

export function DeadLetterTable({ entries, selection }: DeadLetterTableProps) {
  const selectedOnPage = entries.filter((entry) => selection.selected.has(entry.id)).length;
  const allOnPage = entries.length > 0 && selectedOnPage === entries.length;
  return (
    <Table.ScrollContainer minWidth={1600}>
      <Table striped highlightOnHover data-testid="dead-letter-table" style={{ whiteSpace: 'nowrap' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label="Select all entries on this page"
                checked={allOnPage}
                indeterminate={selectedOnPage > 0 && !allOnPage}
                onChange={selection.onTogglePage}
              />
            </Table.Th>
            {COLUMNS.map((label) => (
              <Table.Th key={label}>{label}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <EntryRow key={entry.id} entry={entry} selection={selection} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
