import { ActionIcon, Anchor, Button, EmptyState, Group, Paper, Select, Skeleton, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconRefresh, IconSearch, IconSortAscending, IconSortDescending, IconStack2 } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { createFileRoute, Link } from '@tanstack/react-router';
import { useMemo, useRef } from 'react';
import { queueKeys, useQueueHealth } from '../../../../api/queue-queries.ts';
import { quotaKeys } from '../../../../api/quota-queries.ts';
import { ErrorState } from '../../../../components/ErrorState.tsx';
import { LiveBadge } from '../../../../components/LiveBadge.tsx';
import { PageFrame } from '../../../../components/PageFrame.tsx';
import { StaleDataAlert } from '../../../../components/StaleDataAlert.tsx';
import { Timestamp } from '../../../../components/Timestamp.tsx';
import { QueueHealthTable } from '../../../../features/jobengine/QueueHealthTable.tsx';
import { QuotaPressurePanel } from '../../../../features/jobengine/QuotaPressurePanel.tsx';
import { StateCountCards } from '../../../../features/jobengine/StateCountCards.tsx';
import { ThroughputCharts } from '../../../../features/jobengine/ThroughputCharts.tsx';
import { combinedThroughput, totalCounts } from '../../../../features/jobengine/queue-summary.ts';
import {
  defaultOrder,
  QUEUE_SORTS,
  SummarySearchSchema,
  visibleQueues,
  type QueueSort,
  type SummarySearch,
} from '../../../../features/jobengine/summary-search.ts';
import { useRefetchOnEvents } from '../../../../live/use-live-events.ts';

export const Route = createFileRoute('/ops/operations/jobengine/')({
  validateSearch: SummarySearchSchema,
  staticData: { title: 'JobEngine', section: 'jobEngine' },
  component: JobEnginePage,
});

/** Job events arrive in bursts; one refetch per this many ms is enough for a summary. */
const LIVE_REFETCH_MS = 2_000;

const SORT_LABELS: Record<QueueSort, string> = {
  queue: 'Queue name',
  backlog: 'Waiting jobs',
  oldest: 'Oldest runnable',
  finished: 'Finished last hour',
  failureRate: 'Failure rate',
  workers: 'Active workers',
};
const SORT_OPTIONS = QUEUE_SORTS.map((value) => ({ value, label: SORT_LABELS[value] }));
const isQueueSort = (value: string | null): value is QueueSort => QUEUE_SORTS.some((sort) => sort === value);

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
  useHotkeys([
    ['f', () => filterRef.current?.focus()],
    ['r', refresh],
  ]);
  const setSearch = (next: SummarySearch) => void navigate({ search: next, replace: true });

  const report = health.data;
  const counts = useMemo(() => (report ? totalCounts(report.queues) : undefined), [report]);
  const throughput = useMemo(() => (report ? combinedThroughput(report.queues) : undefined), [report]);
  const rows = useMemo(() => (report ? visibleQueues(report.queues, search) : []), [report, search]);
  const sort = search.sort ?? 'queue';
  const order = search.order ?? defaultOrder(sort);

  return (
    <PageFrame
      title="JobEngine"
      summary="Queue health per queue: jobs by state, throughput and failures of the last hour, waits, runs and workers."
      action={
        <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
          <LiveBadge />
          {report && (
            <Text size="xs" c="dimmed" data-testid="updated-at" style={{ whiteSpace: 'nowrap' }}>
              Updated <Timestamp iso={report.generatedAt} />
            </Text>
          )}
          <Button variant="default" size="xs" leftSection={<IconRefresh size={14} />} onClick={refresh} loading={health.isFetching}>
            Refresh
          </Button>
        </Group>
      }
    >
      {health.isPending && <Skeleton height={240} data-testid="health-loading" />}
      {health.isError && !report && (
        <ErrorState title="Queue health could not be loaded" error={health.error} onRetry={() => void health.refetch()} />
      )}
      {report && counts && throughput && (
        <Stack gap="lg">
          {health.isError && <StaleDataAlert title="Showing the last queue health that loaded" error={health.error} />}
          {report.queues.length === 0 ? (
            <EmptyState
              data-testid="queues-empty"
              icon={<IconStack2 />}
              withIndicatorBackground
              title="No queues yet"
              description="A queue appears here with its first job. Enqueue one from the jobs list or through POST /api/v1/jobs."
            >
              <EmptyState.Actions>
                <Button renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs" {...props} />} variant="light">
                  Open the jobs list
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          ) : (
            <>
              <StateCountCards counts={counts} />
              <ThroughputCharts series={throughput} windowMinutes={report.windowMinutes} />
              <Paper withBorder p="md">
                <Group justify="space-between" mb="sm" align="flex-end">
                  <Title order={2} fz="h4">
                    Queues
                  </Title>
                  <Group gap="xs" align="flex-end">
                    <TextInput
                      ref={filterRef}
                      label="Filter queues"
                      placeholder="Queue name contains… (f)"
                      leftSection={<IconSearch size={14} />}
                      size="xs"
                      value={search.filter ?? ''}
                      onChange={(event) => setSearch({ ...search, filter: event.currentTarget.value || undefined })}
                    />
                    <Select
                      label="Sort by"
                      size="xs"
                      data={SORT_OPTIONS}
                      value={sort}
                      allowDeselect={false}
                      onChange={(value) => isQueueSort(value) && setSearch({ ...search, sort: value, order: undefined })}
                    />
                    <Tooltip label={order === 'asc' ? 'Ascending' : 'Descending'}>
                      <ActionIcon
                        variant="default"
                        size="md"
                        aria-label={`Sort ${order === 'asc' ? 'descending' : 'ascending'}`}
                        onClick={() => setSearch({ ...search, order: order === 'asc' ? 'desc' : 'asc' })}
                      >
                        {order === 'asc' ? <IconSortAscending size={16} /> : <IconSortDescending size={16} />}
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Group>
                {rows.length === 0 ? (
                  <Text size="sm" c="dimmed" data-testid="queues-no-match">
                    No queue name contains “{search.filter}”.{' '}
                    <Anchor component="button" size="sm" onClick={() => setSearch({ ...search, filter: undefined })}>
                      Clear the filter
                    </Anchor>
                  </Text>
                ) : (
                  <QueueHealthTable queues={rows} />
                )}
              </Paper>
            </>
          )}
        </Stack>
      )}
      <QuotaPressurePanel />
    </PageFrame>
  );
}
