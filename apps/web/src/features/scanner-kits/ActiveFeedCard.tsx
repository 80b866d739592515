import { Alert, Badge, DataList, Group, Paper, Skeleton, Text, Title } from '@mantine/core';
import { IconDatabaseOff } from '@tabler/icons-react';
import { useActiveFeed } from '../../api/scanner-kits-queries.ts';
import { DataField } from '../../components/DataField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { FeedAge } from './FeedAge.tsx';

/** The feed scans match against: the active kit's version, age (stale badge), advisories per ecosystem. */
export function ActiveFeedCard() {
  const feed = useActiveFeed();
  return (
    <Paper withBorder p="md" data-testid="active-feed">
      <Title order={2} fz="h4" mb="sm">
        Active kit
      </Title>
      {feed.isPending && <Skeleton height={80} />}
      {feed.isError && <ErrorState title="The active feed could not be loaded" error={feed.error} onRetry={() => void feed.refetch()} />}
      {feed.data?.feed === null && (
        <Alert color="orange" variant="light" icon={<IconDatabaseOff />} title="No kit imported" data-testid="no-feed">
          Scans find components but match nothing until an offline kit is imported.
        </Alert>
      )}
      {feed.data?.feed && (
        <DataList labelWidth={110}>
          <DataField label="Version">
            <Group gap="xs">
              <Text size="sm" ff="monospace" data-testid="feed-version">
                {feed.data.feed.version}
              </Text>
              {feed.data.feed.demo && (
                <Badge color="grape" variant="light" tt="none" title="the first start's sample feed, not a real one">
                  demo
                </Badge>
              )}
            </Group>
          </DataField>
          <DataField label="Age">
            <FeedAge feed={feed.data.feed} />
          </DataField>
          <DataField label="Created">
            <Timestamp iso={feed.data.feed.createdAt} />
          </DataField>
          <DataField label="Activated">
            <Timestamp iso={feed.data.feed.activatedAt} />
          </DataField>
          <DataField label="Advisories">
            {feed.data.feed.advisories} in {feed.data.feed.feeds.map((f) => `${f.ecosystem} (${f.advisories})`).join(', ')}
          </DataField>
          <DataField label="Signed by">{feed.data.feed.keyName}</DataField>
        </DataList>
      )}
    </Paper>
  );
}
