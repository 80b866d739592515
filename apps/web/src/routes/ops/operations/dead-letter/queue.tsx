import { Button, Paper, Skeleton, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconCircleCheck } from '@tabler/icons-react';
import { createFileRoute } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import {
  useDeadLetterPage,
  useInvalidateAfterDeadLetterAction,
  useMatchingDeadLetterCount,
} from '../../../../api/dead-letter-queries.ts';
import { ErrorState } from '../../../../components/ErrorState.tsx';
import { LiveRefreshBar } from '../../../../components/LiveRefresh.tsx';
import { PageFrame } from '../../../../components/PageFrame.tsx';
import { StaleDataAlert } from '../../../../components/StaleDataAlert.tsx';
import { BulkDeadLetterDialog } from '../../../../features/dead-letter/BulkDeadLetterDialog.tsx';
import { DEAD_LETTER_BULK_TEXT, bulkSelectionOf, outcomeSummary, type DeadLetterBulkAction } from '../../../../features/dead-letter/dead-letter-bulk.ts';
import {
  DeadLetterSearchSchema,
  bulkFilterOf,
  hasFilters,
  toFilters,
  toListQuery,
  type DeadLetterFilters,
} from '../../../../features/dead-letter/dead-letter-search.ts';
import { DeadLetterExportMenu } from '../../../../features/dead-letter/DeadLetterExportMenu.tsx';
import { DeadLetterFilterForm } from '../../../../features/dead-letter/DeadLetterFilterForm.tsx';
import { DeadLetterTable } from '../../../../features/dead-letter/DeadLetterTable.tsx';
import { EmptyDeadLetter } from '../../../../features/dead-letter/EmptyDeadLetter.tsx';
import { CursorPager } from '../../../../features/jobs/CursorPager.tsx';
import { useCursorStack } from '../../../../features/jobs/use-cursor-stack.ts';
import { SelectionBar } from '../../../../features/selection/SelectionBar.tsx';
import { DisabledAction } from '../../../../components/DisabledAction.tsx';
import { useMissingScope } from '../../../../features/auth/use-session.ts';
import { useRowSelection } from '../../../../features/selection/use-row-selection.ts';
import { useRefetchOnEvents } from '../../../../live/use-live-events.ts';
import { focusFilterShortcut, refreshShortcut, usePageShortcuts } from '../../../../shell/shortcuts.ts';

export const Route = createFileRoute('/ops/operations/dead-letter/queue')({
  validateSearch: DeadLetterSearchSchema,
  staticData: { title: 'Dead-letter queue', section: 'deadLetter' },
  component: DeadLetterQueuePage,
});

/** A burst of dead-letter events costs at most one refetch of the page per second. */
const LIVE_REFETCH_MS = 1_000;

function DeadLetterQueuePage() {
  const missingScope = useMissingScope('deadletter:operate');
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const [bulkAction, setBulkAction] = useState<DeadLetterBulkAction | null>(null);
  const textInputRef = useRef<HTMLInputElement>(null);
  const entries = useDeadLetterPage(toListQuery(search));
  const pages = useCursorStack(search.cursor, (cursor) => void navigate({ search: { ...search, cursor } }));
  useRefetchOnEvents('deadletter', ['deadletter', 'list'], LIVE_REFETCH_MS);

  const items = entries.data?.items ?? [];
  const selection = useRowSelection(
    items.map((entry) => entry.id),
    JSON.stringify(toListQuery(search)),
  );
  const bulkSelection = bulkSelectionOf(selection.state, search);
  const moreMatch = selection.allOnPage && entries.data?.nextCursor != null;
  const matchingCount = useMatchingDeadLetterCount(bulkFilterOf(search), moreMatch);
  const invalidateAfterAction = useInvalidateAfterDeadLetterAction();

  const showFilters = (filters: DeadLetterFilters) => {
    pages.reset();
    void navigate({ search: filters });
  };
  const clearFilters = () => showFilters({});

  usePageShortcuts([focusFilterShortcut(() => textInputRef.current?.focus()), refreshShortcut(() => void entries.refetch())]);

  return (
    <PageFrame
      title="Dead-letter queue"
      summary="Jobs that failed for good, newest first: filter them, replay them once the cause is fixed, or resolve them with a note."
      action={<DeadLetterExportMenu search={search} />}
    >
      <Paper withBorder p="md">
        {/* Keyed by the URL so the draft follows back/forward navigation and Clear. */}
        <DeadLetterFilterForm
          key={JSON.stringify(toFilters(search))}
          filters={toFilters(search)}
          onApply={showFilters}
          onClear={clearFilters}
          textInputRef={textInputRef}
        />
      </Paper>
      <LiveRefreshBar dataUpdatedAt={entries.dataUpdatedAt} onRefresh={() => void entries.refetch()} />
      {entries.isPending && (
        <Stack gap="xs" aria-busy="true" aria-label="Loading entries" data-testid="dead-letter-loading">
          {Array.from({ length: 6 }, (_, row) => (
            <Skeleton key={row} height={28} radius="sm" />
          ))}
        </Stack>
      )}
      {entries.isError && !entries.data && (
        <ErrorState title="The dead-letter queue could not be loaded" error={entries.error} onRetry={() => void entries.refetch()} />
      )}
      {entries.data && (
        <Stack gap="sm">
          {entries.isError && (
            <StaleDataAlert title="Showing the last entries that loaded" error={entries.error} />
          )}
          {bulkSelection && (
            <SelectionBar
              noun="entries"
              selectedOnPage={selection.selected.size}
              allMatching={selection.state.kind === 'filter'}
              offerAllMatching={moreMatch}
              matchingCount={matchingCount.data}
              onSelectAllMatching={selection.selectAllMatching}
              onClear={selection.clear}
            >
              {missingScope ? (
                ['Replay', 'Resolve'].map((label) => <DisabledAction key={label} size="xs" label={label} reason={missingScope} />)
              ) : (
                <>
                  <Button size="xs" variant="light" leftSection={<IconArrowBackUp size={14} />} onClick={() => setBulkAction('replay')}>
                    Replay
                  </Button>
                  <Button size="xs" variant="light" color="green" leftSection={<IconCircleCheck size={14} />} onClick={() => setBulkAction('resolve')}>
                    Resolve
                  </Button>
                </>
              )}
            </SelectionBar>
          )}
          {bulkAction && bulkSelection && (
            <BulkDeadLetterDialog
              action={bulkAction}
              selection={bulkSelection}
              onClose={() => setBulkAction(null)}
              onDone={(result) => {
                notifications.show({
                  color: 'green',
                  title: `${DEAD_LETTER_BULK_TEXT[bulkAction].title}: done`,
                  message: outcomeSummary(result.results),
                });
                selection.clear();
                void invalidateAfterAction();
              }}
            />
          )}
          {entries.data.items.length === 0 ? (
            <EmptyDeadLetter filtered={hasFilters(search) || search.cursor !== undefined} onClearFilters={clearFilters} />
          ) : (
            <DeadLetterTable
              entries={entries.data.items}
              selection={{ selected: selection.selected, onToggle: selection.toggle, onTogglePage: selection.togglePage }}
            />
          )}
          <CursorPager
            isFirstPage={pages.isFirstPage}
            canGoBack={pages.canGoBack}
            nextCursor={entries.data.nextCursor}
            onFirst={pages.first}
            onPrevious={pages.previous}
            onNext={pages.next}
          />
        </Stack>
      )}
    </PageFrame>
  );
}
