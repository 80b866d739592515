import { JOB_STATES, type JobState, type QueueHealth } from '@execops/contract';
import { Anchor, Badge, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPlayerPause } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { Duration } from '../../components/Duration.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { QueuePauseAction } from './QueuePauseAction.tsx';
import { formatPercent } from './queue-summary.ts';

function CountLink({ queue, state, count }: { queue: string; state: JobState; count: number }) {
  if (count === 0) {
    return (
      <Text span size="sm" c="dimmed">
        0
      </Text>
    );
  }
  return (
    <Anchor
      renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs" search={{ queue, state }} {...props} />}
      size="sm"
      aria-label={`${count} ${state} jobs in ${queue}`}
      data-testid={`queue-count-${state}`}
    >
      {count.toLocaleString('en-US')}
    </Anchor>
  );
}

function PausedBadge({ queue }: { queue: QueueHealth }) {
  return (
    <Tooltip
      multiline
      maw={320}
      label={
        <>
          Paused since <Timestamp iso={queue.pausedAt} />
          {queue.pausedReason ? `: ${queue.pausedReason}` : ''}
        </>
      }
    >
      <Badge color="orange" variant="light" leftSection={<IconPlayerPause size={12} />} data-testid="queue-paused">
        paused
      </Badge>
    </Tooltip>
  );
}

function Percentiles({ p50, p95 }: { p50: number | null; p95: number | null }) {
  return (
    <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>
      <Duration ms={p50} /> / <Duration ms={p95} />
    </Text>
  );
}

function QueueRow({ queue }: { queue: QueueHealth }) {
  return (
    <Table.Tr data-testid="queue-row" data-queue={queue.queue}>
      <Table.Td>
        <Stack gap={2} align="flex-start">
          <Anchor
            renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs" search={{ queue: queue.queue }} {...props} />}
            fw={500}
            size="sm"
            style={{ whiteSpace: 'nowrap' }}
            data-testid="queue-name"
          >
            {queue.queue}
          </Anchor>
          {queue.paused && <PausedBadge queue={queue} />}
          {queue.paused && queue.pausedReason && (
            <Text size="xs" c="dimmed" maw={220} truncate="end" title={queue.pausedReason} data-testid="queue-paused-reason">
              {queue.pausedReason}
            </Text>
          )}
        </Stack>
      </Table.Td>
      {JOB_STATES.map((state) => (
        <Table.Td key={state} ta="right">
          <CountLink queue={queue.queue} state={state} count={queue.counts[state]} />
        </Table.Td>
      ))}
      <Table.Td ta="right">
        <Duration ms={queue.oldestRunnableAgeMs} />
      </Table.Td>
      <Table.Td ta="right">{queue.finishedLastHour.toLocaleString('en-US')}</Table.Td>
      <Table.Td ta="right" c={queue.failureRate ? 'red' : undefined} data-testid="queue-failure-rate">
        {formatPercent(queue.failureRate)}
      </Table.Td>
      <Table.Td ta="right">
        <Percentiles {...queue.waitMs} />
      </Table.Td>
      <Table.Td ta="right">
        <Percentiles {...queue.runMs} />
      </Table.Td>
      <Table.Td ta="right" data-testid="queue-workers">
        {queue.activeWorkers}
      </Table.Td>
      <Table.Td>
        <QueuePauseAction queue={queue} />
      </Table.Td>
    </Table.Tr>
  );
}

/** Per queue: jobs by state (each a deep link), age of the oldest runnable job, last-hour figures, workers. */
export function QueueHealthTable({ queues }: { queues: readonly QueueHealth[] }) {
  return (
    <Table.ScrollContainer minWidth={1280}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Queue health">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Queue</Table.Th>
            {JOB_STATES.map((state) => (
              <Table.Th key={state} ta="right">
                {state}
              </Table.Th>
            ))}
            <Table.Th ta="right">Oldest runnable</Table.Th>
            <Table.Th ta="right">Finished 1 h</Table.Th>
            <Table.Th ta="right">Failure rate</Table.Th>
            <Table.Th ta="right">Wait p50 / p95</Table.Th>
            <Table.Th ta="right">Run p50 / p95</Table.Th>
            <Table.Th ta="right">Workers</Table.Th>
            <Table.Th>Action</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {queues.map((queue) => (
            <QueueRow key={queue.queue} queue={queue} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
