import type { JobArtifact } from '@execops/contract';
import { Anchor, Code, Skeleton, Table, Text } from '@mantine/core';
import { useJobArtifacts } from '../../api/job-detail-queries.ts';
import { ByteSize } from '../../components/ByteSize.tsx';
import { CopyableValue } from '../../components/CopyableValue.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';

const isWebLink = (uri: string) => /^https?:\/\//i.test(uri);

function ArtifactUri({ uri }: { uri: string }) {
  if (!isWebLink(uri)) return <Code fz="xs" style={{ wordBreak: 'break-all' }}>{uri}</Code>;
  return (
    <Anchor href={uri} target="_blank" rel="noreferrer noopener" fz="sm" style={{ wordBreak: 'break-all' }}>
      {uri}
    </Anchor>
  );
}

function ArtifactRow({ artifact }: { artifact: JobArtifact }) {
  return (
    <Table.Tr data-testid="artifact-row">
      <Table.Td fw={500}>{artifact.name}</Table.Td>
      <Table.Td maw={320}>
        <ArtifactUri uri={artifact.uri} />
      </Table.Td>
      <Table.Td maw={260}>
        <CopyableValue value={artifact.digest} label={`digest of ${artifact.name}`}>
          <Code fz="xs" title={artifact.digest}>
            {artifact.digest.slice(0, 19)}…
          </Code>
        </CopyableValue>
      </Table.Td>
      <Table.Td>
        <ByteSize bytes={artifact.size} />
      </Table.Td>
      <Table.Td>{artifact.mime}</Table.Td>
      <Table.Td>{artifact.attempt}</Table.Td>
      <Table.Td>
        <Timestamp iso={artifact.createdAt} />
      </Table.Td>
    </Table.Tr>
  );
}

/** What the job's attempts recorded as artifacts; live through the job's events (`job.artifact_added`). */
export function JobArtifacts({ jobId }: { jobId: string }) {
  const artifacts = useJobArtifacts(jobId);
  if (artifacts.isPending) return <Skeleton height={120} data-testid="artifacts-loading" />;
  if (artifacts.isError) {
    return <ErrorState title="Artifacts could not be loaded" error={artifacts.error} onRetry={() => void artifacts.refetch()} />;
  }
  if (artifacts.data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="artifacts-empty">
        No artifacts: the job&apos;s workers have recorded none.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table data-testid="artifacts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>URI</Table.Th>
            <Table.Th>Digest</Table.Th>
            <Table.Th>Size</Table.Th>
            <Table.Th>MIME type</Table.Th>
            <Table.Th>Attempt</Table.Th>
            <Table.Th>Added</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {artifacts.data.items.map((artifact) => (
            <ArtifactRow key={artifact.name} artifact={artifact} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
