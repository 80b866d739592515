import { Anchor, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { createFileRoute, Link } from '@tanstack/react-router';
import type { RunsQuery } from '../../../../api/scheduler-api.ts';
import { schedulerKeys, useRuns, useSchedulerStatus } from '../../../../api/scheduler-queries.ts';
import { workerKeys, useWorkers } from '../../../../api/workers-queries.ts';
import { ErrorState } from '../../../../components/ErrorState.tsx';
import { LiveRefreshActions } from '../../../../components/LiveRefresh.tsx';
import { PageFrame } from '../../../../components/PageFrame.tsx';
import { StaleDataAlert } from '../../../../components/StaleDataAlert.tsx';
import { RunsTable } from '../../../../features/runs/RunsTable.tsx';
import { LeaderPanel } from '../../../../features/scheduler-overview/LeaderPanel.tsx';
import { MissedFiresPanel } from '../../../../features/scheduler-overview/MissedFiresPanel.tsx';
import { NextFiresPanel } from '../../../../features/scheduler-overview/NextFiresPanel.tsx';
import { ACTIVE_RUN_STATES, ActiveRunCounts, FleetCounts, RecentRunCounts, ScheduleCounts } from '../../../../features/scheduler-overview/SchedulerCounts.tsx';
import { useRefetchOnEvents } from '../../../../live/use-live-events.ts';

export const Route = createFileRoute('/ops/operations/scheduler/')({
  staticData: { title: 'Scheduler', section: 'scheduler' },
  component: SchedulerPage,
});

/** The active runs shown in full; the counts above cover the rest. */
const ACTIVE_RUNS_SHOWN = 10;
const ACTIVE_RUNS_QUERY = { state: [...ACTIVE_RUN_STATES], limit: ACTIVE_RUNS_SHOWN } satisfies RunsQuery;
const ACTIVE_RUNS_LINK = { state: ACTIVE_RUN_STATES.join(',') };

function SchedulerPage() {
  const queryClient = useQueryClient();
  const status = useSchedulerStatus();
  const activeRuns = useRuns(ACTIVE_RUNS_QUERY);
  const workers = useWorkers({});

  // Fires, misfires and schedule changes on `schedules`; runs on `runs`; run progress with their jobs.
  useRefetchOnEvents('schedules', schedulerKeys.all, 500);
  useRefetchOnEvents('runs', schedulerKeys.all, 500);
  useRefetchOnEvents('jobs', schedulerKeys.all, 2_000);
  useRefetchOnEvents('workers', workerKeys.all, 500);
  const refresh = () => {
    void queryClient.refetchQueries({ queryKey: schedulerKeys.all });
    void queryClient.refetchQueries({ queryKey: workerKeys.all });
  };
  useHotkeys([['r', refresh]]);

  const report = status.data;
  return (
    <PageFrame
      title="Scheduler"
      summary="Active runs, the next and the missed fires, the worker fleet and the scheduler leader."
      action={<LiveRefreshActions updatedAt={report?.generatedAt} onRefresh={refresh} refreshing={status.isFetching} />}
    >
      {status.isPending && <Skeleton height={240} data-testid="scheduler-loading" />}
      {status.isError && !report && (
        <ErrorState title="The scheduler status could not be loaded" error={status.error} onRetry={() => void status.refetch()} />
      )}
      {report && (
        <Stack gap="lg">
          {status.isError && <StaleDataAlert title="Showing the last scheduler status that loaded" error={status.error} />}
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <ActiveRunCounts status={report} />
            <ScheduleCounts status={report} />
          </SimpleGrid>
          <Paper withBorder p="md" data-testid="active-runs">
            <Group justify="space-between" mb="xs">
              <Title order={2} fz="h4">
                Active runs
              </Title>
              <Anchor size="sm" renderRoot={(props) => <Link to="/ops/operations/scheduler/runs" search={ACTIVE_RUNS_LINK} {...props} />}>
                All active runs
              </Anchor>
            </Group>
            {activeRuns.isPending && <Skeleton height={80} />}
            {activeRuns.isError && <ErrorState title="Active runs could not be loaded" error={activeRuns.error} onRetry={() => void activeRuns.refetch()} />}
            {activeRuns.data &&
              (activeRuns.data.items.length === 0 ? (
                <Text size="sm" c="dimmed" data-testid="active-runs-empty">
                  No run is queued or running.
                </Text>
              ) : (
                <RunsTable runs={activeRuns.data.items} loadedAt={activeRuns.dataUpdatedAt} />
              ))}
          </Paper>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <NextFiresPanel fires={report.nextFires} />
            <MissedFiresPanel status={report} />
          </SimpleGrid>
          <RecentRunCounts status={report} />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            {workers.data ? (
              <FleetCounts counts={workers.data.counts} />
            ) : workers.isError ? (
              <ErrorState title="The worker fleet could not be loaded" error={workers.error} onRetry={() => void workers.refetch()} />
            ) : (
              <Skeleton height={120} />
            )}
            <LeaderPanel leader={report.leader} />
          </SimpleGrid>
        </Stack>
      )}
    </PageFrame>
  );
}
