import { FINISHED_STATES, type JobDetail } from '@execops/contract';
import { Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useCallback, useRef, type ReactNode } from 'react';
import { auditKeys } from '../../../../../../api/audit-api.ts';
import { ApiError } from '../../../../../../api/client.ts';
import { useLiveJob } from '../../../../../../api/job-detail-queries.ts';
import { jobKeys } from '../../../../../../api/job-queries.ts';
import { DetailSection } from '../../../../../../components/DetailSection.tsx';
import { DetailTabs } from '../../../../../../components/DetailTabs.tsx';
import { ErrorState } from '../../../../../../components/ErrorState.tsx';
import { JsonBlock } from '../../../../../../components/JsonBlock.tsx';
import { PageFrame } from '../../../../../../components/PageFrame.tsx';
import { AuditTrail } from '../../../../../../features/audit/AuditTrail.tsx';
import { JobActions } from '../../../../../../features/job-detail/JobActions.tsx';
import { JobArtifacts } from '../../../../../../features/job-detail/JobArtifacts.tsx';
import { JobEventsTimeline } from '../../../../../../features/job-detail/JobEventsTimeline.tsx';
import { JobHeader, JobProgressBar } from '../../../../../../features/job-detail/JobHeader.tsx';
import { JobLogs, type LogFilter } from '../../../../../../features/job-detail/JobLogs.tsx';
import {
  DEFAULT_TAB,
  isJobDetailTab,
  JobDetailSearchSchema,
  type JobDetailTab,
} from '../../../../../../features/job-detail/job-detail-search.ts';
import { useJobLogTail } from '../../../../../../features/job-detail/use-job-log-tail.ts';
import { AttemptsTable } from '../../../../../../features/jobs/AttemptsTable.tsx';
import { JobErrorAlert } from '../../../../../../features/jobs/JobErrorAlert.tsx';
import { JobFields } from '../../../../../../features/jobs/JobFields.tsx';
import { JobNotFound } from '../../../../../../features/jobs/JobNotFound.tsx';
import { focusFilterShortcut, refreshShortcut, usePageShortcuts } from '../../../../../../shell/shortcuts.ts';

export const Route = createFileRoute('/ops/operations/jobengine/jobs/$jobId/')({
  validateSearch: JobDetailSearchSchema,
  staticData: { title: 'Job detail', section: 'jobEngine' },
  component: JobDetailPage,
});

function JobDetailPage() {
  const { jobId } = Route.useParams();
  const job = useLiveJob(jobId);
  const notFound = job.error instanceof ApiError && job.error.isNotFound;

  let body: ReactNode;
  if (job.isPending) body = <Skeleton height={320} data-testid="job-loading" />;
  else if (notFound) body = <JobNotFound jobId={jobId} />;
  else if (job.isError && !job.data) body = <ErrorState title="The job could not be loaded" error={job.error} onRetry={() => void job.refetch()} />;
  // Keyed by the job: a replay navigates to its new job on the same page, whose log and tabs start afresh.
  else if (job.data) body = <JobDetailBody key={job.data.id} job={job.data} />;

  const summary = job.data ? `${job.data.jobType} on queue ${job.data.queue} · ${job.data.id}` : `Job ${jobId}`;
  return (
    <PageFrame title="Job detail" summary={summary} action={<JobActions job={job.data} />}>
      {body}
    </PageFrame>
  );
}

const TAB_LABELS: Record<JobDetailTab, string> = {
  overview: 'Overview',
  attempts: 'Attempts',
  logs: 'Logs',
  payload: 'Payload & result',
  artifacts: 'Artifacts',
  events: 'Events',
  audit: 'Audit',
};

function JobDetailBody({ job }: { job: JobDetail }) {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const queryClient = useQueryClient();
  const logFilter = useRef<HTMLInputElement | null>(null);
  const focusLogFilterWhenShown = useRef(false);
  const attachLogFilter = useCallback((input: HTMLInputElement | null) => {
    logFilter.current = input;
    if (input && focusLogFilterWhenShown.current) {
      focusLogFilterWhenShown.current = false;
      input.focus();
    }
  }, []);
  const finished = FINISHED_STATES.includes(job.state);
  const tab = search.tab ?? DEFAULT_TAB;
  // Held by the page rather than the tab, so lines keep arriving while another tab is showing.
  const logTail = useJobLogTail(job.id, finished, tab === 'logs');

  const showTab = (next: string | null) => {
    if (!isJobDetailTab(next)) return;
    void navigate({ search: (previous) => ({ ...previous, tab: next === DEFAULT_TAB ? undefined : next }) });
  };
  const setLogFilter = (change: Partial<LogFilter>) => void navigate({ search: (previous) => ({ ...previous, ...change }), replace: true });

  usePageShortcuts([
    focusFilterShortcut(() => {
      if (logFilter.current) return logFilter.current.focus();
      focusLogFilterWhenShown.current = true;
      showTab('logs');
    }, 'Focus the log filter (opens the logs tab)'),
    refreshShortcut(() => {
      void queryClient.invalidateQueries({ queryKey: jobKeys.detail(job.id) });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
      logTail.pull();
    }),
  ]);

  return (
    <Stack gap="md">
      <JobHeader job={job} />
      <DetailTabs value={tab} labels={TAB_LABELS} onChange={showTab}>
        <Tabs.Panel value="overview">
          <Stack gap="md">
            {job.lastError && <JobErrorAlert error={job.lastError} title="Last error" />}
            {job.progress && job.state !== 'running' && (
              <DetailSection title="Last progress">
                <JobProgressBar progress={job.progress} />
              </DetailSection>
            )}
            <DetailSection title="Summary">
              <JobFields job={job} />
            </DetailSection>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="attempts">
          <AttemptsTable attempts={job.attempts} />
        </Tabs.Panel>
        <Tabs.Panel value="logs">
          <JobLogs tail={logTail} filter={{ level: search.level, q: search.q }} onFilterChange={setLogFilter} filterInputRef={attachLogFilter} />
        </Tabs.Panel>
        <Tabs.Panel value="payload">
          <Stack gap="md">
            <DetailSection title="Payload">
              <JsonBlock value={job.payload} label="Payload" />
            </DetailSection>
            <DetailSection title="Result">
              {job.result === null ? (
                <Text size="sm" c="dimmed">
                  No result{finished ? '.' : ' yet.'}
                </Text>
              ) : (
                <JsonBlock value={job.result} label="Result" />
              )}
            </DetailSection>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="artifacts">
          <JobArtifacts jobId={job.id} />
        </Tabs.Panel>
        <Tabs.Panel value="events">
          <JobEventsTimeline jobId={job.id} />
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <AuditTrail targetType="job" targetId={job.id} />
        </Tabs.Panel>
      </DetailTabs>
    </Stack>
  );
}
