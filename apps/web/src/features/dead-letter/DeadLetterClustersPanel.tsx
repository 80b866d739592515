import type { DeadLetterCluster } from '@execops/contract';
import { Anchor, Button, Code, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconListSearch, IconRepeat, IconSearch } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useMemo, useState, type Ref } from 'react';
import { Timestamp } from '../../components/Timestamp.tsx';
import { ErrorClassBadges } from './ErrorClassBadges.tsx';
import { ReplayClusterDialog } from './ReplayClusterDialog.tsx';
import { openEntriesOfCluster, visibleClusters } from './dead-letter-overview.ts';

function ClusterRow({ cluster, onReplay }: { cluster: DeadLetterCluster; onReplay: () => void }) {
  return (
    <Table.Tr data-testid="cluster-row" data-cluster-key={cluster.clusterKey}>
      <Table.Td maw={300}>
        <Code data-testid="cluster-code">{cluster.code}</Code>
        <Text size="sm" c="dimmed" mt={2} truncate="end" title={cluster.sampleMessage} data-testid="cluster-message">
          {cluster.sampleMessage}
        </Text>
      </Table.Td>
      <Table.Td>
        <ErrorClassBadges errorClass={cluster.errorClass} retryable={cluster.retryable} />
      </Table.Td>
      <Table.Td>
        <Stack gap={0}>
          {cluster.jobTypes.map((jobType) => (
            <Text key={jobType} size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }} data-testid="cluster-job-type">
              {jobType}
            </Text>
          ))}
        </Stack>
      </Table.Td>
      <Table.Td ta="right" fw={600} data-testid="cluster-open">
        {cluster.open.toLocaleString('en-US')}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" data-testid="cluster-first-seen">
          <Timestamp iso={cluster.firstAt} />
        </Text>
        <Text size="sm" data-testid="cluster-last-seen">
          <Timestamp iso={cluster.lastAt} />
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="stretch" w="fit-content">
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconListSearch size={14} />}
            renderRoot={(props) => <Link to="/ops/operations/dead-letter/queue" search={openEntriesOfCluster(cluster.clusterKey)} {...props} />}
          >
            Open in queue
          </Button>
          <Button size="compact-sm" variant="light" leftSection={<IconRepeat size={14} />} onClick={onReplay}>
            Replay this cluster
          </Button>
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

interface DeadLetterClustersPanelProps {
  clusters: readonly DeadLetterCluster[];
  filter: string | undefined;
  onFilter: (filter: string | undefined) => void;
  /** The filter input, for the page's `f` shortcut. */
  filterRef: Ref<HTMLInputElement>;
}

/** Open entries grouped by how they failed, most first, with a filter kept in the URL and per-cluster actions. */
export function DeadLetterClustersPanel({ clusters, filter, onFilter, filterRef }: DeadLetterClustersPanelProps) {
  const rows = useMemo(() => visibleClusters(clusters, filter), [clusters, filter]);
  // The cluster is kept as it was when the dialog opened, so a refetch that drops it cannot close the dialog.
  const [replaying, setReplaying] = useState<DeadLetterCluster | null>(null);

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm" align="flex-end">
        <Title order={2} fz="h4">
          Top error clusters
        </Title>
        <TextInput
          ref={filterRef}
          label="Filter clusters"
          placeholder="Code, message, class or job type… (f)"
          leftSection={<IconSearch size={14} />}
          size="xs"
          w={280}
          value={filter ?? ''}
          onChange={(event) => onFilter(event.currentTarget.value || undefined)}
        />
      </Group>
      {clusters.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="clusters-empty">
          No open entry: every dead-lettered job was replayed or resolved.
        </Text>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="clusters-no-match">
          No cluster matches “{filter}”.{' '}
          <Anchor component="button" size="sm" onClick={() => onFilter(undefined)}>
            Clear the filter
          </Anchor>
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs" aria-label="Top error clusters">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Error code and sample message</Table.Th>
                <Table.Th>Class</Table.Th>
                <Table.Th>Job types</Table.Th>
                <Table.Th ta="right">Open</Table.Th>
                <Table.Th>First seen / last seen</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((cluster) => (
                <ClusterRow key={cluster.clusterKey} cluster={cluster} onReplay={() => setReplaying(cluster)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {replaying && <ReplayClusterDialog cluster={replaying} onClose={() => setReplaying(null)} />}
    </Paper>
  );
}
