import type { DeadLetterReplay } from '@execops/contract';
import { Badge, Table, Text } from '@mantine/core';
import { Timestamp } from '../../components/Timestamp.tsx';
import { JobIdLink } from '../jobs/JobIdLink.tsx';
import { JobStateBadge } from '../jobs/JobStateBadge.tsx';

export function ReplayJobState({ state }: { state: DeadLetterReplay['state'] }) {
  if (state !== null) return <JobStateBadge state={state} />;
  return (
    <Badge color="gray" variant="outline" title="The replay job was pruned after the retention window">
      pruned
    </Badge>
  );
}

/** Every replay of the entry, oldest first: the job it created, that job's state now, and who asked and why. */
export function ReplayHistory({ replays }: { replays: readonly DeadLetterReplay[] }) {
  if (replays.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="replays-empty">
        Not replayed yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table data-testid="replay-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>Replay job</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Replayed</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Ticket</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {replays.map((replay, index) => (
            <Table.Tr key={replay.jobId} data-testid="replay-row" data-job-id={replay.jobId}>
              <Table.Td>{index + 1}</Table.Td>
              <Table.Td>
                <JobIdLink jobId={replay.jobId} label="replay job id" testId="replay-job-link" />
              </Table.Td>
              <Table.Td>
                <ReplayJobState state={replay.state} />
              </Table.Td>
              <Table.Td>
                <Timestamp iso={replay.at} />
              </Table.Td>
              <Table.Td>{replay.by}</Table.Td>
              <Table.Td maw={320} style={{ wordBreak: 'break-word' }}>
                {replay.reason}
              </Table.Td>
              <Table.Td>{replay.ticket ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
