import type { QueueHealthReport } from '@execops/contract';
import { Skeleton, Stack } from '@mantine/core';
import { IconStack2 } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useMemo, useRef, type Ref } from 'react';
import { queueKeys, useQueueHealth } from '../../../../api/queue-queries.ts';
import { quotaKeys } from '../../../../api/quota-queries.ts';
import { ErrorState } from '../../../../components/ErrorState.tsx';
import { LinkEmptyState } from '../../../../components/LinkEmptyState.tsx';
import { LiveRefreshActions } from '../../../../components/LiveRefresh.tsx';
import { PageFrame } from '../../../../components/PageFrame.tsx';
import { StaleDataAlert } from '../../../../components/StaleDataAlert.tsx';
import { QueuesPanel } from '../../../../features/jobengine/QueuesPanel.tsx';
import { QuotaPressurePanel } from '../../../../features/jobengine/QuotaPressurePanel.tsx';
import { StateCountCards } from '../../../../features/jobengine/StateCountCards.tsx';
import { ThroughputCharts } from '../../../../features/jobengine/ThroughputCharts.tsx';
import { combinedThroughput, totalCounts } from '../../../../features/jobengine/queue-summary.ts';
import { SummarySearchSchema, type SummarySearch } from '../../../../features/jobengine/summary-search.ts';
import { useRefetchOnEvents } from '../../../../live/use-live-events.ts';
import { focusFilterShortcut, refreshShortcut, usePageShortcuts } from '../../../../shell/shortcuts.ts';

export const Route = createFileRoute('/ops/operations/jobengine/')({
  validateSearch: SummarySearchSchema,
  staticData: { title: 'JobEngine', section: 'jobEngine' },
  component: JobEnginePage,
});

/** Job events arrive in bursts; one refetch per this many ms is enough for a summary. */
const LIVE_REFETCH_MS = 2_000;

function JobEnginePage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const queryClient = useQueryClient();
  const health = useQueueHealth();
  const filterRef = useRef<HTMLInputElement>(null);
  useRefetchOnEvents('jobs', queueKeys.health, LIVE_REFETCH_MS);
  useRefetchOnEvents('jobs', quotaKeys.list, LIVE_REFETCH_MS);

  const refresh = () => {
    void queryClient.refetchQueries({ queryKey: queueKeys.all });
    void queryClient.refetchQueries({ queryKey: quotaKeys.all });
  };
  usePageShortcuts([focusFilterShortcut(() => filterRef.current?.focus(), 'Focus the queue filter'), refreshShortcut(refresh)]);

  const report = health.data;
  return (
    <PageFrame
      title="JobEngine"
      summary="Queue health per queue: jobs by state, throughput and failures of the last hour, waits, runs and workers."
      action={<LiveRefreshActions updatedAt={report?.generatedAt} onRefresh={refresh} refreshing={health.isFetching} />}
    >
      {health.isPending && <Skeleton height={240} data-testid="health-loading" />}
      {health.isError && !report && (
        <ErrorState title="Queue health could not be loaded" error={health.error} onRetry={() => void health.refetch()} />
      )}
      {report && (
        <Stack gap="lg">
          {health.isError && <StaleDataAlert title="Showing the last queue health that loaded" error={health.error} />}
          <QueueHealthSummary
            report={report}
            search={search}
            onSearch={(next) => void navigate({ search: next, replace: true })}
            filterRef={filterRef}
          />
        </Stack>
      )}
      <QuotaPressurePanel />
    </PageFrame>
  );
}

interface QueueHealthSummaryProps {
  report: QueueHealthReport;
  search: SummarySearch;
  onSearch: (search: SummarySearch) => void;
  filterRef: Ref<HTMLInputElement>;
}

function QueueHealthSummary({ report, search, onSearch, filterRef }: QueueHealthSummaryProps) {
  const counts = useMemo(() => totalCounts(report.queues), [report]);
  const throughput = useMemo(() => combinedThroughput(report.queues), [report]);
  if (report.queues.length === 0) {
    return (
      <LinkEmptyState
        testId="queues-empty"
        icon={<IconStack2 />}
        title="No queues yet"
        description="A queue appears here with its first job. Enqueue one from the jobs list or through POST /api/v1/jobs."
        to="/ops/operations/jobengine/jobs"
        linkLabel="Open the jobs list"
      />
    );
  }
  return (
    <>
      <StateCountCards counts={counts} />
      <ThroughputCharts series={throughput} windowMinutes={report.windowMinutes} />
      <QueuesPanel queues={report.queues} search={search} onSearch={onSearch} filterRef={filterRef} />
    </>
  );
}
