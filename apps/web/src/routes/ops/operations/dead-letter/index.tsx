import type { DeadLetterStats } from '@execops/contract';
import { SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { IconMoodSmile } from '@tabler/icons-react';
import { createFileRoute } from '@tanstack/react-router';
import { useRef, type Ref } from 'react';
import { deadLetterKeys, useDeadLetterStats } from '../../../../api/dead-letter-queries.ts';
import { ErrorState } from '../../../../components/ErrorState.tsx';
import { LinkEmptyState } from '../../../../components/LinkEmptyState.tsx';
import { LiveRefreshActions } from '../../../../components/LiveRefresh.tsx';
import { PageFrame } from '../../../../components/PageFrame.tsx';
import { StaleDataAlert } from '../../../../components/StaleDataAlert.tsx';
import { DeadLetterClustersPanel } from '../../../../features/dead-letter/DeadLetterClustersPanel.tsx';
import { DeadLetterHourlyChart } from '../../../../features/dead-letter/DeadLetterHourlyChart.tsx';
import { DeadLetterJobTypesTable } from '../../../../features/dead-letter/DeadLetterJobTypesTable.tsx';
import { DeadLetterStatCards } from '../../../../features/dead-letter/DeadLetterStatCards.tsx';
import {
  DeadLetterOverviewSearchSchema,
  hasNoEntries,
  type DeadLetterOverviewSearch,
} from '../../../../features/dead-letter/dead-letter-overview.ts';
import { useRefetchOnEvents } from '../../../../live/use-live-events.ts';
import { focusFilterShortcut, refreshShortcut, usePageShortcuts } from '../../../../shell/shortcuts.ts';

export const Route = createFileRoute('/ops/operations/dead-letter/')({
  validateSearch: DeadLetterOverviewSearchSchema,
  staticData: { title: 'Dead-Letter', section: 'deadLetter' },
  component: DeadLetterPage,
});

/** Dead-letter events arrive in bursts (a bulk replay is one per entry); one refetch per this many ms is enough. */
const LIVE_REFETCH_MS = 2_000;

function DeadLetterPage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const stats = useDeadLetterStats();
  const filterRef = useRef<HTMLInputElement>(null);
  useRefetchOnEvents('deadletter', deadLetterKeys.stats, LIVE_REFETCH_MS);

  const refresh = () => void stats.refetch();
  usePageShortcuts([focusFilterShortcut(() => filterRef.current?.focus()), refreshShortcut(refresh)]);

  const report = stats.data;
  return (
    <PageFrame
      title="Dead-Letter"
      summary="Jobs that failed terminally: open entries, the oldest one, the most common errors and what to replay."
      action={<LiveRefreshActions updatedAt={report?.generatedAt} onRefresh={refresh} refreshing={stats.isFetching} />}
    >
      {stats.isPending && <Skeleton height={240} data-testid="stats-loading" />}
      {stats.isError && !report && (
        <ErrorState title="Dead-letter statistics could not be loaded" error={stats.error} onRetry={refresh} />
      )}
      {report && (
        <Stack gap="lg">
          {stats.isError && <StaleDataAlert title="Showing the last dead-letter statistics that loaded" error={stats.error} />}
          <DeadLetterOverview
            stats={report}
            search={search}
            onSearch={(next) => void navigate({ search: next, replace: true })}
            filterRef={filterRef}
          />
        </Stack>
      )}
    </PageFrame>
  );
}

interface DeadLetterOverviewProps {
  stats: DeadLetterStats;
  search: DeadLetterOverviewSearch;
  onSearch: (search: DeadLetterOverviewSearch) => void;
  filterRef: Ref<HTMLInputElement>;
}

function DeadLetterOverview({ stats, search, onSearch, filterRef }: DeadLetterOverviewProps) {
  if (hasNoEntries(stats)) {
    return (
      <LinkEmptyState
        testId="dead-letter-empty"
        icon={<IconMoodSmile />}
        title="No dead-letter entries: nothing has failed terminally"
        description="A job lands here when it fails with a permanent error or runs out of attempts."
        to="/ops/operations/jobengine/jobs"
        linkLabel="Open the jobs list"
      />
    );
  }
  return (
    <>
      <DeadLetterStatCards stats={stats} />
      <DeadLetterClustersPanel
        clusters={stats.topClusters}
        filter={search.filter}
        onFilter={(filter) => onSearch({ ...search, filter })}
        filterRef={filterRef}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <DeadLetterHourlyChart last24h={stats.last24h} />
        <DeadLetterJobTypesTable byJobType={stats.byJobType} />
      </SimpleGrid>
    </>
  );
}
