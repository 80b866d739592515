import type { JobSort } from '@execops/contract';
import { Button, Paper, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { createFileRoute } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useInvalidateAfterJobAction, useMatchingJobCount } from '../../../../../api/bulk-jobs-queries.ts';
import type { BulkJobAction } from '../../../../../api/job-actions-api.ts';
import { useJobPage } from '../../../../../api/job-queries.ts';
import { ErrorState } from '../../../../../components/ErrorState.tsx';
import { LiveRefreshBar } from '../../../../../components/LiveRefresh.tsx';
import { PageFrame } from '../../../../../components/PageFrame.tsx';
import { StaleDataAlert } from '../../../../../components/StaleDataAlert.tsx';
import { BulkActionBar } from '../../../../../features/jobs/BulkActionBar.tsx';
import { BulkJobActionDialog } from '../../../../../features/jobs/BulkJobActionDialog.tsx';
import { BULK_ACTION_TEXT, bulkFilterOf, bulkSelectionOf, outcomeSummary } from '../../../../../features/jobs/bulk-actions.ts';
import { CursorPager } from '../../../../../features/jobs/CursorPager.tsx';
import { EmptyJobs } from '../../../../../features/jobs/EmptyJobs.tsx';
import { EnqueueJobModal } from '../../../../../features/jobs/EnqueueJobModal.tsx';
import { JobFilterForm } from '../../../../../features/jobs/JobFilterForm.tsx';
import { JobsTable } from '../../../../../features/jobs/JobsTable.tsx';
import { JobsTableSkeleton } from '../../../../../features/jobs/JobsTableSkeleton.tsx';
import {
  DEFAULT_SORT,
  hasFilters,
  JobsSearchSchema,
  toFilters,
  toListQuery,
  type JobFilters,
} from '../../../../../features/jobs/jobs-search.ts';
import { useCursorStack } from '../../../../../features/jobs/use-cursor-stack.ts';
import { useRowSelection } from '../../../../../features/selection/use-row-selection.ts';
import { useRefetchOnEvents } from '../../../../../live/use-live-events.ts';
import { focusFilterShortcut, refreshShortcut, usePageShortcuts } from '../../../../../shell/shortcuts.ts';

export const Route = createFileRoute('/ops/operations/jobengine/jobs/')({
  validateSearch: JobsSearchSchema,
  staticData: { title: 'Jobs', section: 'jobEngine' },
  component: JobsPage,
});

/** A burst of job events costs at most one refetch of the page per second. */
const LIVE_REFETCH_MS = 1_000;

function JobsPage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const [enqueueOpened, enqueueModal] = useDisclosure(false);
  const [bulkAction, setBulkAction] = useState<BulkJobAction | null>(null);
  const textInputRef = useRef<HTMLInputElement>(null);
  const jobs = useJobPage(toListQuery(search));
  const pages = useCursorStack(search.cursor, (cursor) => void navigate({ search: { ...search, cursor } }));
  useRefetchOnEvents('jobs', ['jobs', 'list'], LIVE_REFETCH_MS);

  const sort = search.sort ?? DEFAULT_SORT.sort;
  const order = search.order ?? DEFAULT_SORT.order;
  const items = jobs.data?.items ?? [];
  const selection = useRowSelection(
    items.map((job) => job.id),
    JSON.stringify(toListQuery(search)),
  );
  const bulkSelection = bulkSelectionOf(selection.state, search);
  const moreMatch = selection.allOnPage && jobs.data?.nextCursor != null;
  const matchingCount = useMatchingJobCount(bulkFilterOf(search), moreMatch);
  const invalidateAfterAction = useInvalidateAfterJobAction();

  const showFilters = (filters: JobFilters) => {
    pages.reset();
    void navigate({ search: { ...filters, sort: search.sort, order: search.order } });
  };
  const clearFilters = () => showFilters({});
  const sortBy = (key: JobSort) => {
    pages.reset();
    const nextOrder = key === sort && order === 'desc' ? 'asc' : 'desc';
    void navigate({ search: { ...toFilters(search), sort: key, order: nextOrder } });
  };

  usePageShortcuts([focusFilterShortcut(() => textInputRef.current?.focus()), refreshShortcut(() => void jobs.refetch())]);

  return (
    <PageFrame
      title="Jobs"
      summary="Every job of the tenant, filtered by state, type, queue, text and creation time, sorted by any key column."
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={enqueueModal.open}>
          Enqueue job
        </Button>
      }
    >
      <EnqueueJobModal opened={enqueueOpened} onClose={enqueueModal.close} />
      <Paper withBorder p="md">
        {/* Keyed by the URL so the draft follows back/forward navigation and Clear. */}
        <JobFilterForm
          key={JSON.stringify(toFilters(search))}
          search={search}
          onApply={showFilters}
          onClear={clearFilters}
          textInputRef={textInputRef}
        />
      </Paper>
      <LiveRefreshBar dataUpdatedAt={jobs.dataUpdatedAt} onRefresh={() => void jobs.refetch()} />
      {jobs.isPending && <JobsTableSkeleton />}
      {jobs.isError && !jobs.data && (
        <ErrorState title="Jobs could not be loaded" error={jobs.error} onRetry={() => void jobs.refetch()} />
      )}
      {jobs.data && (
        <Stack gap="sm">
          {jobs.isError && (
            <StaleDataAlert title="Showing the last jobs that loaded" error={jobs.error} />
          )}
          {bulkSelection && (
            <BulkActionBar
              selectedOnPage={selection.selected.size}
              allMatching={selection.state.kind === 'filter'}
              offerAllMatching={moreMatch}
              matchingCount={matchingCount.data}
              onSelectAllMatching={selection.selectAllMatching}
              onClear={selection.clear}
              onAction={setBulkAction}
            />
          )}
          {bulkAction && bulkSelection && (
            <BulkJobActionDialog
              action={bulkAction}
              selection={bulkSelection}
              onClose={() => setBulkAction(null)}
              onDone={(result) => {
                notifications.show({
                  color: 'green',
                  title: `${BULK_ACTION_TEXT[bulkAction].title}: done`,
                  message: outcomeSummary(result.results),
                });
                selection.clear();
                void invalidateAfterAction();
              }}
            />
          )}
          {jobs.data.items.length === 0 ? (
            <EmptyJobs filtered={hasFilters(search) || search.cursor !== undefined} onClearFilters={clearFilters} />
          ) : (
            <JobsTable
              jobs={jobs.data.items}
              sorting={{ sort, order, onSort: sortBy }}
              selection={{ selected: selection.selected, onToggle: selection.toggle, onTogglePage: selection.togglePage }}
            />
          )}
          <CursorPager
            isFirstPage={pages.isFirstPage}
            canGoBack={pages.canGoBack}
            nextCursor={jobs.data.nextCursor}
            onFirst={pages.first}
            onPrevious={pages.previous}
            onNext={pages.next}
          />
        </Stack>
      )}
    </PageFrame>
  );
}
