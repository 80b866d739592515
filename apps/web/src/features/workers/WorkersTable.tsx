import type { WorkerInfo } from '@execops/contract';
import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { Duration } from '../../components/Duration.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { WorkerStateBadge } from './WorkerStateBadge.tsx';

const COLUMNS = ['Name', 'State', 'Host', 'PID', 'Version', 'Job types', 'Concurrency', 'Active', 'Processed', 'Failed', 'Heartbeat', 'Started'];
const SHOWN_JOB_TYPES = 3;

interface WorkersTableProps {
  workers: readonly WorkerInfo[];
  selected: string | undefined;
}

const count = (n: number) => n.toLocaleString('en-US');

export function WorkersTable({ workers, selected }: WorkersTableProps) {
  return (
    <ListTable columns={COLUMNS} minWidth={1200} testId="workers-table">
      {workers.map((worker) => (
        <Table.Tr
          key={worker.id}
          data-testid="worker-row"
          data-worker-id={worker.id}
          bg={worker.id === selected ? 'var(--mantine-primary-color-light)' : undefined}
        >
          <Table.Td>
            <Anchor
              renderRoot={(props) => <Link from="/ops/operations/scheduler/workers" search={(prev) => ({ ...prev, worker: worker.id })} {...props} />}
              fz="sm"
              fw={500}
            >
              {worker.name}
            </Anchor>
            <Text size="xs" c="dimmed" ff="monospace">
              {worker.id}
            </Text>
          </Table.Td>
          <Table.Td>
            <WorkerStateBadge state={worker.state} />
          </Table.Td>
          <Table.Td>
            <Text size="sm">{worker.host}</Text>
          </Table.Td>
          <Table.Td ff="monospace">{worker.pid ?? '—'}</Table.Td>
          <Table.Td ff="monospace">{worker.version ?? '—'}</Table.Td>
          <Table.Td>
            <JobTypes jobTypes={worker.jobTypes} />
          </Table.Td>
          <Table.Td ff="monospace">{worker.concurrency}</Table.Td>
          <Table.Td ff="monospace" data-testid="worker-active" title={`jobs it holds a lease on; it last reported ${worker.activeJobs} running`}>
            {count(worker.leasedJobs)}
          </Table.Td>
          <Table.Td ff="monospace" data-testid="worker-processed">
            {count(worker.processed)}
          </Table.Td>
          <Table.Td ff="monospace" c={worker.failed > 0 ? 'red' : undefined}>
            {count(worker.failed)}
          </Table.Td>
          <Table.Td>
            <HeartbeatAge worker={worker} />
          </Table.Td>
          <Table.Td>
            <Text size="sm">
              <Timestamp iso={worker.startedAt} />
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

/** How long ago the last heartbeat was (when the list loaded), with its instant underneath. */
export function HeartbeatAge({ worker }: { worker: WorkerInfo }) {
  return (
    <Text size="sm" component="div">
      <Duration ms={worker.heartbeatAgeMs} /> ago
      <Text size="xs" c="dimmed">
        <Timestamp iso={worker.heartbeatAt} />
      </Text>
    </Text>
  );
}

function JobTypes({ jobTypes }: { jobTypes: readonly string[] }) {
  const hidden = jobTypes.length - SHOWN_JOB_TYPES;
  return (
    <Group gap={4} title={jobTypes.join(', ')}>
      {jobTypes.slice(0, SHOWN_JOB_TYPES).map((jobType) => (
        <Badge key={jobType} variant="outline" color="gray" tt="none" ff="monospace">
          {jobType}
        </Badge>
      ))}
      {hidden > 0 && (
        <Text size="xs" c="dimmed">
          +{hidden} more
        </Text>
      )}
    </Group>
  );
}
