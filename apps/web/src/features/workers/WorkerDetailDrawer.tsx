import type { WorkerDetail } from '@execops/contract';
import { Badge, Drawer, Group, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client.ts';
import { useWorker } from '../../api/workers-queries.ts';
import { CopyableValue } from '../../components/CopyableValue.tsx';
import { DrawerSection } from '../../components/DrawerSection.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { AuditTrail } from '../audit/AuditTrail.tsx';
import { JobIdLink } from '../jobs/JobIdLink.tsx';
import { HeartbeatAge } from './WorkersTable.tsx';
import { WorkerStateAction } from './WorkerStateAction.tsx';
import { WorkerStateBadge } from './WorkerStateBadge.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/** The selected worker (`?worker=`): its registry row, running jobs, labels, drain/resume and audit trail. */
export function WorkerDetailDrawer({ workerId, onClose }: { workerId: string | undefined; onClose: () => void }) {
  const detail = useWorker(workerId);
  const notFound = detail.error instanceof ApiError && detail.error.isNotFound;
  return (
    <Drawer
      opened={workerId !== undefined}
      onClose={onClose}
      position="right"
      size="56rem"
      title={detail.data ? `Worker ${detail.data.worker.name}` : 'Worker'}
      data-testid="worker-detail"
    >
      {detail.data ? (
        <WorkerPanel detail={detail.data} />
      ) : detail.isPending ? (
        <Skeleton height={200} />
      ) : notFound ? (
        <Text c="dimmed" data-testid="worker-not-found">
          No worker {workerId} is registered.
        </Text>
      ) : (
        <ErrorState title="The worker could not be loaded" error={detail.error} onRetry={() => void detail.refetch()} />
      )}
    </Drawer>
  );
}

function WorkerPanel({ detail: { worker, activeJobs } }: { detail: WorkerDetail }) {
  const labels = Object.entries(worker.labels);
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <CopyableValue value={worker.id} label="worker id">
          <Text ff="monospace" size="sm">
            {worker.id}
          </Text>
        </CopyableValue>
        <WorkerStateAction worker={worker} />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" data-testid="worker-fields">
        <Field label="State">
          <WorkerStateBadge state={worker.state} />
        </Field>
        <Field label="Host">{worker.host}</Field>
        <Field label="PID">{worker.pid ?? '—'}</Field>
        <Field label="Version">{worker.version ?? '—'}</Field>
        <Field label="Concurrency">{worker.concurrency}</Field>
        <Field label="Active / processed / failed">
          <Text ff="monospace" size="sm" data-testid="worker-counters">
            {worker.leasedJobs} / {worker.processed} / {worker.failed}
          </Text>
        </Field>
        <Field label="Heartbeat">
          <HeartbeatAge worker={worker} />
        </Field>
        <Field label="Started">
          <Timestamp iso={worker.startedAt} />
        </Field>
        <Field label="Tenant">{worker.tenant ?? 'any'}</Field>
      </SimpleGrid>
      <Field label="Job types">
        <Group gap={4}>
          {worker.jobTypes.map((jobType) => (
            <Badge key={jobType} variant="outline" color="gray" tt="none" ff="monospace">
              {jobType}
            </Badge>
          ))}
        </Group>
      </Field>
      <Field label="Labels">
        {labels.length === 0 ? (
          <Text size="sm" c="dimmed">
            none
          </Text>
        ) : (
          <Group gap={4} data-testid="worker-labels">
            {labels.map(([key, value]) => (
              <Badge key={key} variant="light" color="gray" tt="none">
                {key}={value}
              </Badge>
            ))}
          </Group>
        )}
      </Field>
      <DrawerSection title={`Running jobs (${activeJobs.length})`}>
        {activeJobs.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="worker-no-jobs">
            This worker holds no job lease right now.
          </Text>
        ) : (
          <Table data-testid="worker-jobs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Job</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Queue</Table.Th>
                <Table.Th>Attempt</Table.Th>
                <Table.Th>Started</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {activeJobs.map((job) => (
                <Table.Tr key={job.jobId} data-testid="worker-job">
                  <Table.Td>
                    <JobIdLink jobId={job.jobId} label="job id" />
                  </Table.Td>
                  <Table.Td ff="monospace" fz="sm">
                    {job.jobType}
                  </Table.Td>
                  <Table.Td ff="monospace" fz="sm">
                    {job.queue}
                  </Table.Td>
                  <Table.Td>{job.attempt}</Table.Td>
                  <Table.Td>
                    <Timestamp iso={job.startedAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </DrawerSection>
      <DrawerSection title="Audit trail">
        <AuditTrail targetType="worker" targetId={worker.id} />
      </DrawerSection>
    </Stack>
  );
}
