import type { DeadLetterEntryDetail, ReplayDeadLetterResponse } from '@execops/contract';
import { Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { auditKeys } from '../../../../../api/audit-api.ts';
import { ApiError } from '../../../../../api/client.ts';
import { DEAD_LETTER_AUDIT_TARGET, deadLetterKeys, useLiveDeadLetterEntry } from '../../../../../api/dead-letter-queries.ts';
import { DetailSection } from '../../../../../components/DetailSection.tsx';
import { DetailTabs } from '../../../../../components/DetailTabs.tsx';
import { ErrorState } from '../../../../../components/ErrorState.tsx';
import { JsonBlock } from '../../../../../components/JsonBlock.tsx';
import { PageFrame } from '../../../../../components/PageFrame.tsx';
import { StaleDataAlert } from '../../../../../components/StaleDataAlert.tsx';
import { AuditTrail } from '../../../../../features/audit/AuditTrail.tsx';
import { EntryActions } from '../../../../../features/dead-letter-entry/EntryActions.tsx';
import { EntryHeader } from '../../../../../features/dead-letter-entry/EntryHeader.tsx';
import { EntryNotFound } from '../../../../../features/dead-letter-entry/EntryNotFound.tsx';
import { EntryResolution } from '../../../../../features/dead-letter-entry/EntryResolution.tsx';
import { DEFAULT_ENTRY_TAB, EntrySearchSchema, isEntryTab, type EntryTab } from '../../../../../features/dead-letter-entry/entry-search.ts';
import { ReplayHandOff } from '../../../../../features/dead-letter-entry/ReplayHandOff.tsx';
import { ReplayHistory } from '../../../../../features/dead-letter-entry/ReplayHistory.tsx';
import { ReplayJobWatchers } from '../../../../../features/dead-letter-entry/ReplayJobWatchers.tsx';
import { AttemptsTable } from '../../../../../features/jobs/AttemptsTable.tsx';
import { JobErrorAlert } from '../../../../../features/jobs/JobErrorAlert.tsx';
import { refreshShortcut, usePageShortcuts } from '../../../../../shell/shortcuts.ts';

export const Route = createFileRoute('/ops/operations/dead-letter/entry/$entryId')({
  validateSearch: EntrySearchSchema,
  staticData: { title: 'Dead-letter entry', section: 'deadLetter' },
  component: DeadLetterEntryPage,
});

function DeadLetterEntryPage() {
  const { entryId } = Route.useParams();
  const entry = useLiveDeadLetterEntry(entryId);
  const navigate = Route.useNavigate();
  const queryClient = useQueryClient();
  const notFound = entry.error instanceof ApiError && entry.error.isNotFound;

  const search = Route.useSearch();
  const onReplayed = ({ job }: ReplayDeadLetterResponse) => void navigate({ search: { tab: 'replays', replayJob: job.id } });
  const dismissHandOff = () => void navigate({ search: (previous) => ({ ...previous, replayJob: undefined }), replace: true });

  usePageShortcuts([
    refreshShortcut(() => {
      void queryClient.invalidateQueries({ queryKey: deadLetterKeys.entry(entryId) });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    }),
  ]);

  let body: ReactNode;
  if (entry.isPending) body = <Skeleton height={320} data-testid="entry-loading" />;
  else if (notFound) body = <EntryNotFound entryId={entryId} />;
  else if (entry.isError && !entry.data) {
    body = <ErrorState title="The dead-letter entry could not be loaded" error={entry.error} onRetry={() => void entry.refetch()} />;
  } else if (entry.data) {
    body = (
      <Stack gap="md">
        {entry.isError && <StaleDataAlert title="Showing the entry as it last loaded" error={entry.error} />}
        {search.replayJob && <ReplayHandOff entry={entry.data} replayJobId={search.replayJob} onClose={dismissHandOff} />}
        <EntryDetailBody entry={entry.data} />
      </Stack>
    );
  }

  const summary = entry.data ? `${entry.data.jobType} on queue ${entry.data.queue} · ${entry.data.id}` : `Entry ${entryId}`;
  return (
    <PageFrame title="Dead-letter entry" summary={summary} action={entry.data || entry.isPending ? <EntryActions entry={entry.data} onReplayed={onReplayed} /> : undefined}>
      {body}
    </PageFrame>
  );
}

function tabLabels(entry: DeadLetterEntryDetail): Record<EntryTab, string> {
  return {
    error: 'Error',
    payload: 'Payload',
    attempts: `Attempts (${entry.attemptHistory.length})`,
    replays: `Replays (${entry.replays.length})`,
    audit: 'Audit',
  };
}

function EntryDetailBody({ entry }: { entry: DeadLetterEntryDetail }) {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const tab = search.tab ?? DEFAULT_ENTRY_TAB;

  const showTab = (next: string | null) => {
    if (!isEntryTab(next)) return;
    void navigate({ search: (previous) => ({ ...previous, tab: next === DEFAULT_ENTRY_TAB ? undefined : next }) });
  };

  return (
    <Stack gap="md">
      <ReplayJobWatchers entryId={entry.id} replays={entry.replays} />
      {entry.resolution && <EntryResolution resolution={entry.resolution} />}
      <EntryHeader entry={entry} />
      <DetailTabs value={tab} labels={tabLabels(entry)} onChange={showTab}>
        <Tabs.Panel value="error">
          <Stack gap="sm">
            <JobErrorAlert error={entry.error} title="Final error" stackExpanded />
            {!entry.error.stack && (
              <Text size="sm" c="dimmed" data-testid="entry-no-stack">
                The worker reported no stack trace.
              </Text>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="payload">
          <DetailSection title="Payload">
            {entry.payload === null ? (
              <Text size="sm" c="dimmed" data-testid="entry-payload-pruned">
                The failed job was pruned; only its payload digest remains.
              </Text>
            ) : (
              <JsonBlock value={entry.payload} label="Payload" />
            )}
          </DetailSection>
        </Tabs.Panel>
        <Tabs.Panel value="attempts">
          <AttemptsTable attempts={entry.attemptHistory} />
        </Tabs.Panel>
        <Tabs.Panel value="replays">
          <ReplayHistory replays={entry.replays} />
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <AuditTrail targetType={DEAD_LETTER_AUDIT_TARGET} targetId={entry.id} targetLabel="entry" />
        </Tabs.Panel>
      </DetailTabs>
    </Stack>
  );
}
