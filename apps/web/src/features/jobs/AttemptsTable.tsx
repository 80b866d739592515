import type { AttemptOutcome, JobAttempt } from '@execops/contract';
import { Table, Text } from '@mantine/core';
import { IconBan, IconCircleCheck, IconCircleX, IconClockExclamation, IconPlayerPlay, IconPlugConnectedX } from '@tabler/icons-react';
import { Duration } from '../../components/Duration.tsx';
import { StatusBadge, type StatusStyleTable } from '../../components/StatusBadge.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { millisBetween } from '../../time/format-duration.ts';

/** An attempt's outcome; `running` while it has none yet. */
type AttemptStatus = AttemptOutcome | 'running';

const OUTCOME_STYLE: StatusStyleTable<AttemptStatus> = {
  running: { color: 'indigo', icon: IconPlayerPlay },
  succeeded: { color: 'green', icon: IconCircleCheck },
  failed: { color: 'red', icon: IconCircleX },
  timed_out: { color: 'orange', icon: IconClockExclamation },
  lease_expired: { color: 'yellow', icon: IconPlugConnectedX },
  canceled: { color: 'gray', icon: IconBan },
};

export function AttemptsTable({ attempts }: { attempts: readonly JobAttempt[] }) {
  if (attempts.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="attempts-empty">
        No attempts yet: the job has not been picked up by a worker.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table data-testid="attempts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>Worker</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th>Ended</Table.Th>
            <Table.Th>Duration</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Error</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {attempts.map((attempt) => (
            <Table.Tr key={attempt.leaseId}>
              <Table.Td>{attempt.attempt}</Table.Td>
              <Table.Td>{attempt.worker}</Table.Td>
              <Table.Td>
                <Timestamp iso={attempt.startedAt} />
              </Table.Td>
              <Table.Td>
                <Timestamp iso={attempt.endedAt} />
              </Table.Td>
              <Table.Td>
                <Duration ms={millisBetween(attempt.startedAt, attempt.endedAt)} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={attempt.outcome ?? 'running'} styles={OUTCOME_STYLE} testId="attempt-outcome" />
              </Table.Td>
              <Table.Td maw={360}>
                {attempt.error ? (
                  <Text size="sm" c="red" truncate="end" title={attempt.error.message}>
                    {attempt.error.code}: {attempt.error.message}
                  </Text>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
