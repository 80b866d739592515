import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { createFileRoute } from '@tanstack/react-router';
import { useRef } from 'react';
import { useWorkers, workerKeys } from '../../../../api/workers-queries.ts';
import { ErrorState } from '../../../../components/ErrorState.tsx';
import { LiveBadge } from '../../../../components/LiveBadge.tsx';
import { PageFrame } from '../../../../components/PageFrame.tsx';
import { StaleDataAlert } from '../../../../components/StaleDataAlert.tsx';
import { Timestamp } from '../../../../components/Timestamp.tsx';
import { EmptyWorkers } from '../../../../features/workers/EmptyWorkers.tsx';
import { FleetSummary } from '../../../../features/workers/FleetSummary.tsx';
import { WorkerDetailDrawer } from '../../../../features/workers/WorkerDetailDrawer.tsx';
import { WorkerFilterForm } from '../../../../features/workers/WorkerFilterForm.tsx';
import { WorkersTable } from '../../../../features/workers/WorkersTable.tsx';
import { hasWorkerFilters, toWorkersQuery, WorkersSearchSchema, type WorkerFilters } from '../../../../features/workers/workers-search.ts';
import { useRefetchOnEvents } from '../../../../live/use-live-events.ts';
import { focusFilterShortcut, refreshShortcut, usePageShortcuts } from '../../../../shell/shortcuts.ts';

export const Route = createFileRoute('/ops/operations/scheduler/workers')({
  validateSearch: WorkersSearchSchema,
  staticData: { title: 'Workers', section: 'scheduler' },
  component: WorkersPage,
});

const NO_FILTERS: WorkerFilters = { state: undefined, jobType: undefined, q: undefined };

function WorkersPage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const workers = useWorkers(toWorkersQuery(search));
  const filterRef = useRef<HTMLInputElement>(null);

  // Drains and resumes come on `workers`; claims and outcomes move the counters and running jobs.
  useRefetchOnEvents('workers', workerKeys.all, 500);
  useRefetchOnEvents('jobs', workerKeys.all, 2_000);
  usePageShortcuts([focusFilterShortcut(() => filterRef.current?.focus()), refreshShortcut(() => void workers.refetch())]);

  const applyFilters = (filters: WorkerFilters) => void navigate({ search: (prev) => ({ ...prev, ...filters }) });
  const clearFilters = () => applyFilters(NO_FILTERS);
  const select = (worker: string | undefined) => void navigate({ search: (prev) => ({ ...prev, worker }) });

  return (
    <PageFrame title="Workers" summary="The worker fleet: state from heartbeats, running jobs and throughput per worker; drain and resume.">
      <WorkerFilterForm
        // Remounted when the URL changes, so the draft starts from what is applied.
        key={`${search.jobType ?? ''}|${search.q ?? ''}`}
        search={search}
        onApply={applyFilters}
        onClear={clearFilters}
        textInputRef={filterRef}
      />
      <Group justify="space-between">
        <Button variant="subtle" size="xs" leftSection={<IconRefresh size={14} />} onClick={() => void workers.refetch()}>
          Refresh (r)
        </Button>
        <Group gap="sm">
          <LiveBadge />
          {workers.dataUpdatedAt > 0 && (
            <Text size="xs" c="dimmed">
              Updated <Timestamp iso={new Date(workers.dataUpdatedAt).toISOString()} />
            </Text>
          )}
        </Group>
      </Group>
      {workers.isPending && <Skeleton height={200} data-testid="workers-loading" />}
      {workers.isError && !workers.data && (
        <ErrorState title="Workers could not be loaded" error={workers.error} onRetry={() => void workers.refetch()} />
      )}
      {workers.data && (
        <Stack gap="sm">
          {workers.isError && <StaleDataAlert title="Showing the last workers that loaded" error={workers.error} />}
          <FleetSummary counts={workers.data.counts} selected={search.state} />
          {workers.data.items.length === 0 ? (
            <EmptyWorkers filtered={hasWorkerFilters(search)} onClearFilter={clearFilters} />
          ) : (
            <WorkersTable workers={workers.data.items} selected={search.worker} />
          )}
        </Stack>
      )}
      <WorkerDetailDrawer workerId={search.worker} onClose={() => select(undefined)} />
    </PageFrame>
  );
}
