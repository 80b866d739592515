import type { DeadLetterEntry } from '@execops/contract';
import { Anchor, Badge, Code, DataList, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { DataField } from '../../components/DataField.tsx';
import { CopyableValue } from '../../components/CopyableValue.tsx';
import { LiveBadge } from '../../components/LiveBadge.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { DeadLetterStatusBadge } from '../dead-letter/DeadLetterStatusBadge.tsx';
import { JobErrorKind } from '../jobs/JobErrorAlert.tsx';
import { JobIdLink } from '../jobs/JobIdLink.tsx';

/** The queue, narrowed to the open entries that fail the same way as this one. */
function ClusterLink({ clusterKey }: { clusterKey: string }) {
  return (
    <Stack gap={2}>
      <Code fz="xs" style={{ wordBreak: 'break-word' }} data-testid="entry-cluster-key">
        {clusterKey}
      </Code>
      <Anchor
        size="sm"
        data-testid="entry-cluster-link"
        renderRoot={(props) => (
          <Link to="/ops/operations/dead-letter/queue" search={{ cluster: clusterKey, status: 'open' }} {...props} />
        )}
      >
        Open entries failing the same way
      </Anchor>
    </Stack>
  );
}

/** What failed and how: status, placement, the final error in brief, when, and every identifier to copy. */
export function EntryHeader({ entry }: { entry: DeadLetterEntry }) {
  return (
    <Paper withBorder p="md" data-testid="entry-header">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Group gap="sm">
            <DeadLetterStatusBadge status={entry.status} />
            <Text fw={600} data-testid="entry-job-type">
              {entry.jobType}
            </Text>
            <Badge variant="outline" color="gray">
              queue {entry.queue}
            </Badge>
            <Badge variant="outline" color="gray" data-testid="entry-attempts">
              {entry.attempts} {entry.attempts === 1 ? 'attempt' : 'attempts'}
            </Badge>
          </Group>
          <LiveBadge />
        </Group>
        <JobErrorKind error={entry.error} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <DataList labelWidth={130}>
            <DataField label="Entry id">
              <CopyableValue value={entry.id} label="entry id" />
            </DataField>
            <DataField label="Job id">
              <JobIdLink jobId={entry.jobId} label="job id" testId="entry-job-link" />
            </DataField>
            <DataField label="Payload digest">
              <CopyableValue value={entry.payloadDigest} label="payload digest" />
            </DataField>
          </DataList>
          <DataList labelWidth={130}>
            <DataField label="First failed">
              <Timestamp iso={entry.firstFailedAt} />
            </DataField>
            <DataField label="Dead-lettered">
              <Timestamp iso={entry.deadLetteredAt} />
            </DataField>
            <DataField label="Cluster">
              <ClusterLink clusterKey={entry.clusterKey} />
            </DataField>
          </DataList>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
