import { Alert, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconPlus, IconRefresh } from '@tabler/icons-react';
import { createFileRoute } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { AUTO_REFRESH_MS, useJobPage } from '../../../../../api/job-queries.ts';
import { ErrorState } from '../../../../../components/ErrorState.tsx';
import { PageFrame } from '../../../../../components/PageFrame.tsx';
import { Timestamp } from '../../../../../components/Timestamp.tsx';
import { CursorPager } from '../../../../../features/jobs/CursorPager.tsx';
import { EmptyJobs } from '../../../../../features/jobs/EmptyJobs.tsx';
import { EnqueueJobModal } from '../../../../../features/jobs/EnqueueJobModal.tsx';
import { JobFilterForm } from '../../../../../features/jobs/JobFilterForm.tsx';
import { JobsTable } from '../../../../../features/jobs/JobsTable.tsx';
import { JobsTableSkeleton } from '../../../../../features/jobs/JobsTableSkeleton.tsx';
import { hasFilters, JobsSearchSchema, toListQuery, type JobFilters } from '../../../../../features/jobs/jobs-search.ts';
import { useCursorStack } from '../../../../../features/jobs/use-cursor-stack.ts';

export const Route = createFileRoute('/ops/operations/jobengine/jobs/')({
  validateSearch: JobsSearchSchema,
  staticData: { title: 'Jobs', section: 'jobEngine' },
  component: JobsPage,
});

function JobsPage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const [autoRefresh, setAutoRefresh] = useState(false);
  const [enqueueOpened, enqueueModal] = useDisclosure(false);
  const textInputRef = useRef<HTMLInputElement>(null);
  const jobs = useJobPage(toListQuery(search), autoRefresh);
  const pages = useCursorStack(search.cursor, (cursor) => void navigate({ search: { ...search, cursor } }));

  const showFilters = (filters: JobFilters) => {
    pages.reset();
    void navigate({ search: filters });
  };
  const clearFilters = () => showFilters({});

  useHotkeys([
    ['f', () => textInputRef.current?.focus()],
    ['r', () => void jobs.refetch()],
  ]);

  return (
    <PageFrame
      title="Jobs"
      summary="Every job of the tenant, newest first, filtered by state, type, queue, text and creation time."
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
          key={JSON.stringify({ ...search, cursor: undefined })}
          search={search}
          onApply={showFilters}
          onClear={clearFilters}
          textInputRef={textInputRef}
        />
      </Paper>
      <Group justify="space-between">
        <Group gap="md">
          <Switch
            label={`Auto-refresh every ${AUTO_REFRESH_MS / 1000} s`}
            checked={autoRefresh}
            onChange={(event) => setAutoRefresh(event.currentTarget.checked)}
          />
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconRefresh size={14} />}
            onClick={() => void jobs.refetch()}
          >
            Refresh
          </Button>
        </Group>
        {jobs.dataUpdatedAt > 0 && (
          <Text size="xs" c="dimmed">
            Updated <Timestamp iso={new Date(jobs.dataUpdatedAt).toISOString()} />
          </Text>
        )}
      </Group>
      {jobs.isPending && <JobsTableSkeleton />}
      {jobs.isError && !jobs.data && (
        <ErrorState title="Jobs could not be loaded" error={jobs.error} onRetry={() => void jobs.refetch()} />
      )}
      {jobs.data && (
        <Stack gap="sm">
          {jobs.isError && (
            <Alert color="yellow" variant="light" title="Showing the last jobs that loaded">
              Refreshing failed: {jobs.error.message}
            </Alert>
          )}
          {jobs.data.items.length === 0 ? (
            <EmptyJobs filtered={hasFilters(search) || search.cursor !== undefined} onClearFilters={clearFilters} />
          ) : (
            <JobsTable jobs={jobs.data.items} />
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
