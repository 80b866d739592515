import { SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { overviewKeys, useOverview } from '../../../api/overview-queries.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LiveRefreshActions } from '../../../components/LiveRefresh.tsx';
import { PageFrame } from '../../../components/PageFrame.tsx';
import { StaleDataAlert } from '../../../components/StaleDataAlert.tsx';
import { AreaCard } from '../../../features/jobs-queues/AreaCard.tsx';
import { OverallStatusBanner } from '../../../features/jobs-queues/OverallStatusBanner.tsx';
import { useRefetchOnEvents } from '../../../live/use-live-events.ts';
import { refreshShortcut, usePageShortcuts } from '../../../shell/shortcuts.ts';

export const Route = createFileRoute('/ops/operations/jobs-queues')({
  staticData: { title: 'Jobs & Queues', section: 'jobsQueues' },
  component: JobsQueuesPage,
});

/** Every area's changes move some card; one refetch per this many ms however many events arrive on however many topics. */
const LIVE_REFETCH_MS = 2_000;
const LIVE_TOPICS = ['jobs', 'deadletter', 'runs', 'schedules', 'workers', 'quotas'] as const;

function JobsQueuesPage() {
  const queryClient = useQueryClient();
  const overview = useOverview();
  useRefetchOnEvents(LIVE_TOPICS, overviewKeys.all, LIVE_REFETCH_MS);
  const refresh = () => void queryClient.refetchQueries({ queryKey: overviewKeys.all });
  usePageShortcuts([refreshShortcut(refresh, 'Refresh every card')]);

  const report = overview.data;
  return (
    <PageFrame
      title="Jobs & Queues"
      summary="The execution overview: every area's status from its thresholds, the numbers behind it, and links to the pages that act on it."
      action={<LiveRefreshActions updatedAt={report?.generatedAt} onRefresh={refresh} refreshing={overview.isFetching} />}
    >
      {overview.isPending && <Skeleton height={320} data-testid="overview-loading" />}
      {overview.isError && !report && <ErrorState title="The overview could not be loaded" error={overview.error} onRetry={refresh} />}
      {report && (
        <Stack gap="md">
          {overview.isError && <StaleDataAlert title="Showing the last overview that loaded" error={overview.error} onRetry={refresh} />}
          <OverallStatusBanner overview={report} />
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
            {report.areas.map((area) => (
              <AreaCard key={area.area} area={area} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </PageFrame>
  );
}
