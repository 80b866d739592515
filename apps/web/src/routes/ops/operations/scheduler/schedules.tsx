import type { Run, Schedule } from '@execops/contract';
import { Button, Paper, Skeleton, Stack } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCalendarTime, IconPlus } from '@tabler/icons-react';
import { createFileRoute } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { schedulerKeys, useSchedules } from '../../../../api/scheduler-queries.ts';
import { DisabledAction } from '../../../../components/DisabledAction.tsx';
import { ErrorState } from '../../../../components/ErrorState.tsx';
import { ListEmptyState } from '../../../../components/ListEmptyState.tsx';
import { LiveRefreshBar } from '../../../../components/LiveRefresh.tsx';
import { PageFrame } from '../../../../components/PageFrame.tsx';
import { StaleDataAlert } from '../../../../components/StaleDataAlert.tsx';
import { useMissingScope } from '../../../../features/auth/use-session.ts';
import { CursorPager } from '../../../../features/jobs/CursorPager.tsx';
import { useCursorStack } from '../../../../features/jobs/use-cursor-stack.ts';
import { ScheduleActionDialog } from '../../../../features/schedules/ScheduleActionDialog.tsx';
import { ScheduleDetailDrawer, type ScheduleEditorAction } from '../../../../features/schedules/ScheduleDetailDrawer.tsx';
import { ScheduleFilterForm } from '../../../../features/schedules/ScheduleFilterForm.tsx';
import { ScheduleFormDialog } from '../../../../features/schedules/ScheduleFormDialog.tsx';
import { SchedulesTable } from '../../../../features/schedules/SchedulesTable.tsx';
import { hasScheduleFilters, SchedulesSearchSchema, toSchedulesQuery, type ScheduleFilters } from '../../../../features/schedules/schedules-search.ts';
import { TriggerHandOff } from '../../../../features/schedules/TriggerHandOff.tsx';
import { useRefetchOnEvents } from '../../../../live/use-live-events.ts';

export const Route = createFileRoute('/ops/operations/scheduler/schedules')({
  validateSearch: SchedulesSearchSchema,
  staticData: { title: 'Schedules', section: 'scheduler' },
  component: SchedulesPage,
});

/** The open dialog: create, or an action on one schedule (fixed when it opens). */
type Dialog = { action: 'create' } | { action: ScheduleEditorAction; schedule: Schedule };

const isRun = (result: Schedule | Run): result is Run => 'trigger' in result;

function SchedulesPage() {
  const search = Route.useSearch();
  const missingScope = useMissingScope('scheduler:admin');
  const navigate = Route.useNavigate();
  const schedules = useSchedules(toSchedulesQuery(search));
  const pages = useCursorStack(search.cursor, (cursor) => void navigate({ search: (prev) => ({ ...prev, cursor }) }));
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [triggered, setTriggered] = useState<Run | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  // Schedule changes and fires come on `schedules`; a fire's run on `runs` (the drawer's recent runs).
  useRefetchOnEvents('schedules', schedulerKeys.schedules, 500);
  useRefetchOnEvents('runs', schedulerKeys.runs, 1_000);
  useRefetchOnEvents('jobs', schedulerKeys.runs, 2_000);
  useHotkeys([
    ['f', () => filterRef.current?.focus()],
    ['r', () => void schedules.refetch()],
  ]);

  const applyFilters = (filters: ScheduleFilters) => {
    pages.reset();
    void navigate({ search: (prev) => ({ ...prev, ...filters, cursor: undefined }) });
  };
  const clearFilters = () => applyFilters({ text: undefined, state: undefined });
  const select = (schedule: string | undefined) => {
    setTriggered(null);
    void navigate({ search: (prev) => ({ ...prev, schedule }) });
  };
  const closeDialog = () => setDialog(null);
  const stateDialog = dialog && dialog.action !== 'create' && dialog.action !== 'edit' ? { action: dialog.action, schedule: dialog.schedule } : null;
  const openCreate = () => setDialog({ action: 'create' });

  const actionDone = (action: ScheduleEditorAction, result: Schedule | Run) => {
    if (isRun(result)) {
      setTriggered(result);
      return;
    }
    notifications.show({ color: 'green', title: `Schedule ${result.name}`, message: `${action} done` });
    if (action === 'delete') select(undefined);
  };

  return (
    <PageFrame
      title="Schedules"
      summary="Cron schedules of job and pipeline templates: next fires, misfire and overlap policies; create, edit, pause, trigger."
      action={
        missingScope ? (
          <DisabledAction label="New schedule" reason={missingScope} />
        ) : (
          <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
            New schedule
          </Button>
        )
      }
    >
      <Paper withBorder p="md">
        <ScheduleFilterForm key={search.text ?? ''} search={search} onApply={applyFilters} onClear={clearFilters} textInputRef={filterRef} />
      </Paper>
      <LiveRefreshBar dataUpdatedAt={schedules.dataUpdatedAt} onRefresh={() => void schedules.refetch()} />
      {schedules.isPending && <Skeleton height={200} data-testid="schedules-loading" />}
      {schedules.isError && !schedules.data && (
        <ErrorState title="Schedules could not be loaded" error={schedules.error} onRetry={() => void schedules.refetch()} />
      )}
      {schedules.data && (
        <Stack gap="sm">
          {schedules.isError && <StaleDataAlert title="Showing the last schedules that loaded" error={schedules.error} />}
          {schedules.data.items.length === 0 ? (
            <ListEmptyState
              testId="schedules-empty"
              icon={<IconCalendarTime />}
              empty={{ title: 'No schedules yet', description: 'Create one with "New schedule": a cron, a time zone and the job or pipeline it starts.' }}
              noMatch={{ title: 'No schedule matches these filters', description: 'Clear the filters to see every schedule.' }}
              filtered={hasScheduleFilters(search) || search.cursor !== undefined}
              onClearFilters={clearFilters}
            />
          ) : (
            <SchedulesTable schedules={schedules.data.items} selected={search.schedule} />
          )}
          <CursorPager
            isFirstPage={pages.isFirstPage}
            canGoBack={pages.canGoBack}
            nextCursor={schedules.data.nextCursor}
            onFirst={pages.first}
            onPrevious={pages.previous}
            onNext={pages.next}
          />
        </Stack>
      )}
      <ScheduleDetailDrawer
        scheduleId={search.schedule}
        onClose={() => select(undefined)}
        onAction={(action, schedule) => setDialog({ action, schedule })}
        handOff={triggered && <TriggerHandOff run={triggered} onClose={() => setTriggered(null)} />}
      />
      {dialog?.action === 'create' && <ScheduleFormDialog onClose={closeDialog} onSaved={(schedule) => select(schedule.id)} />}
      {dialog?.action === 'edit' && <ScheduleFormDialog schedule={dialog.schedule} onClose={closeDialog} onSaved={closeDialog} />}
      {stateDialog && (
        <ScheduleActionDialog
          action={stateDialog.action}
          schedule={stateDialog.schedule}
          onClose={closeDialog}
          onDone={(result) => actionDone(stateDialog.action, result)}
        />
      )}
    </PageFrame>
  );
}
