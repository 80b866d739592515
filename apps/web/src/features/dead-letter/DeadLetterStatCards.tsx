import type { DeadLetterStats } from '@execops/contract';
import { Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { Duration } from '../../components/Duration.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { ErrorClassBadges } from './ErrorClassBadges.tsx';
import {
  OPEN_ENTRIES,
  RETRYABLE_OPEN_ENTRIES,
  oldestOpenAgeMs,
  openEntriesOfCluster,
  type DeadLetterQueueLink,
} from './dead-letter-overview.ts';

interface StatCardProps {
  label: string;
  search: DeadLetterQueueLink;
  testId: string;
  value: ReactNode;
  /** The whole value on hover, when it may be cut short. */
  valueTitle?: string;
  children?: ReactNode;
}

/** A card that opens the dead-letter queue with the filter its figure counts. */
function StatCard({ label, search, testId, value, valueTitle, children }: StatCardProps) {
  return (
    <Paper
      withBorder
      p="sm"
      renderRoot={(props) => <Link to="/ops/operations/dead-letter/queue" search={search} {...props} />}
      data-testid={testId}
      style={{ textDecoration: 'none', color: 'inherit', minWidth: 0 }}
    >
      <Text size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={28} fw={600} mt={4} ff="monospace" data-testid="stat-value" truncate="end" title={valueTitle}>
        {value}
      </Text>
      {children}
    </Paper>
  );
}

const count = (value: number) => value.toLocaleString('en-US');

/** Open entries, the oldest one's age, retryable ones and the most common error; each opens the matching queue. */
export function DeadLetterStatCards({ stats }: { stats: DeadLetterStats }) {
  const common = stats.mostCommonError;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" aria-label="Dead-letter figures">
      <StatCard label="Open entries" search={OPEN_ENTRIES} testId="stat-open" value={count(stats.open)}>
        <Text size="xs" c="dimmed">
          Failed terminally, neither replayed nor resolved
        </Text>
      </StatCard>
      <StatCard label="Oldest open entry" search={OPEN_ENTRIES} testId="stat-oldest" value={<Duration ms={oldestOpenAgeMs(stats)} />}>
        <Text size="xs" c="dimmed">
          {stats.oldestOpenAt ? (
            <>
              Dead-lettered <Timestamp iso={stats.oldestOpenAt} />
            </>
          ) : (
            'Nothing is open'
          )}
        </Text>
      </StatCard>
      <StatCard label="Retryable open entries" search={RETRYABLE_OPEN_ENTRIES} testId="stat-retryable" value={count(stats.retryableOpen)}>
        <Text size="xs" c="dimmed">
          Their error says a retry can succeed
        </Text>
      </StatCard>
      {common ? (
        <StatCard label="Most common error" search={openEntriesOfCluster(common.clusterKey)} testId="stat-common" value={common.code} valueTitle={common.code}>
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Text size="xs" c="dimmed" truncate="end" title={common.sampleMessage} data-testid="stat-common-message">
              {common.sampleMessage}
            </Text>
            <Text size="xs" fw={600} style={{ whiteSpace: 'nowrap' }} data-testid="stat-common-count">
              {count(common.open)} open
            </Text>
          </Group>
          <ErrorClassBadges errorClass={common.errorClass} retryable={common.retryable} />
        </StatCard>
      ) : (
        <StatCard label="Most common error" search={OPEN_ENTRIES} testId="stat-common" value="—">
          <Text size="xs" c="dimmed">
            No open entry
          </Text>
        </StatCard>
      )}
    </SimpleGrid>
  );
}
