import { Paper, Skeleton, Stack } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconTimeline } from '@tabler/icons-react';
import { createFileRoute } from '@tanstack/react-router';
import { useRef } from 'react';
import { schedulerKeys, useRuns } from '../../../../../api/scheduler-queries.ts';
import { ErrorState } from '../../../../../components/ErrorState.tsx';
import { ListEmptyState } from '../../../../../components/ListEmptyState.tsx';
import { LiveRefreshBar } from '../../../../../components/LiveRefresh.tsx';
import { PageFrame } from '../../../../../components/PageFrame.tsx';
import { StaleDataAlert } from '../../../../../components/StaleDataAlert.tsx';
import { CursorPager } from '../../../../../features/jobs/CursorPager.tsx';
import { useCursorStack } from '../../../../../features/jobs/use-cursor-stack.ts';
import { RunFilterForm } from '../../../../../features/runs/RunFilterForm.tsx';
import { RunsTable } from '../../../../../features/runs/RunsTable.tsx';
import { hasRunFilters, RunsSearchSchema, toRunFilters, toRunsQuery, type RunFilters } from '../../../../../features/runs/runs-search.ts';
import { useRefetchOnEvents } from '../../../../../live/use-live-events.ts';

export const Route = createFileRoute('/ops/operations/scheduler/runs/')({
  validateSearch: RunsSearchSchema,
  staticData: { title: 'Runs', section: 'scheduler' },
  component: RunsPage,
});

function RunsPage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const runs = useRuns(toRunsQuery(search));
  const pages = useCursorStack(search.cursor, (cursor) => void navigate({ search: { ...search, cursor } }));
  const scheduleRef = useRef<HTMLInputElement>(null);

  // New runs and operator actions come on `runs`; progress moves with the runs' jobs.
  useRefetchOnEvents('runs', schedulerKeys.runs, 500);
  useRefetchOnEvents('jobs', schedulerKeys.runs, 2_000);
  useHotkeys([
    ['f', () => scheduleRef.current?.focus()],
    ['r', () => void runs.refetch()],
  ]);

  const showFilters = (filters: RunFilters) => {
    pages.reset();
    void navigate({ search: filters });
  };
  const clearFilters = () => showFilters({});

  return (
    <PageFrame title="Runs" summary="Runs started by schedules, operators and the API, with their state and progress derived from their jobs.">
      <Paper withBorder p="md">
        {/* Keyed by the URL so the draft follows back/forward navigation and Clear. */}
        <RunFilterForm
          key={JSON.stringify(toRunFilters(search))}
          search={search}
          onApply={showFilters}
          onClear={clearFilters}
          scheduleInputRef={scheduleRef}
        />
      </Paper>
      <LiveRefreshBar dataUpdatedAt={runs.dataUpdatedAt} onRefresh={() => void runs.refetch()} />
      {runs.isPending && <Skeleton height={200} data-testid="runs-loading" />}
      {runs.isError && !runs.data && <ErrorState title="Runs could not be loaded" error={runs.error} onRetry={() => void runs.refetch()} />}
      {runs.data && (
        <Stack gap="sm">
          {runs.isError && <StaleDataAlert title="Showing the last runs that loaded" error={runs.error} />}
          {runs.data.items.length === 0 ? (
            <ListEmptyState
              testId="runs-empty"
              icon={<IconTimeline />}
              empty={{ title: 'No runs yet', description: 'A run starts when a schedule fires or an operator triggers one from the schedules page.' }}
              noMatch={{ title: 'No runs match these filters', description: 'Widen the filters or clear them to see every run.' }}
              filtered={hasRunFilters(search) || search.cursor !== undefined}
              onClearFilters={clearFilters}
            />
          ) : (
            <RunsTable runs={runs.data.items} loadedAt={runs.dataUpdatedAt} />
          )}
          <CursorPager
            isFirstPage={pages.isFirstPage}
            canGoBack={pages.canGoBack}
            nextCursor={runs.data.nextCursor}
            onFirst={pages.first}
            onPrevious={pages.previous}
            onNext={pages.next}
          />
        </Stack>
      )}
    </PageFrame>
  );
}
