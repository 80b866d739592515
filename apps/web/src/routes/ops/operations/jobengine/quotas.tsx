import type { Quota } from '@execops/contract';
import { Alert, Button, Group, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconRefresh, IconSearch } from '@tabler/icons-react';
import { createFileRoute } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { quotaKeys, useQuotas } from '../../../../api/quota-queries.ts';
import { ErrorState } from '../../../../components/ErrorState.tsx';
import { LiveBadge } from '../../../../components/LiveBadge.tsx';
import { PageFrame } from '../../../../components/PageFrame.tsx';
import { Timestamp } from '../../../../components/Timestamp.tsx';
import { EmptyQuotas } from '../../../../features/quotas/EmptyQuotas.tsx';
import { QuotaDetailDrawer, type QuotaAction } from '../../../../features/quotas/QuotaDetailDrawer.tsx';
import { QuotaExportMenu } from '../../../../features/quotas/QuotaExportMenu.tsx';
import { QuotaFormDialog } from '../../../../features/quotas/QuotaFormDialog.tsx';
import { QuotaStateDialog } from '../../../../features/quotas/QuotaStateDialog.tsx';
import { QuotasTable } from '../../../../features/quotas/QuotasTable.tsx';
import { QuotasSearchSchema } from '../../../../features/quotas/quotas-search.ts';
import { DisabledAction } from '../../../../components/DisabledAction.tsx';
import { useMissingScope } from '../../../../features/auth/use-session.ts';
import { useRefetchOnEvents } from '../../../../live/use-live-events.ts';
import { focusFilterShortcut, refreshShortcut, usePageShortcuts } from '../../../../shell/shortcuts.ts';

export const Route = createFileRoute('/ops/operations/jobengine/quotas')({
  validateSearch: QuotasSearchSchema,
  staticData: { title: 'Quotas', section: 'jobEngine' },
  component: QuotasPage,
});

/** The open dialog: create, or an action on one quota. */
type Dialog = { action: 'create' } | { action: QuotaAction; quota: Quota };

function QuotasPage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const quotas = useQuotas();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [exportError, setExportError] = useState<Error | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  // Usage moves as jobs are claimed and finish: one throttled refetch per burst of job events.
  useRefetchOnEvents('jobs', quotaKeys.list, 2_000);
  usePageShortcuts([focusFilterShortcut(() => filterRef.current?.focus()), refreshShortcut(() => void quotas.refetch())]);

  const select = (jobType: string | undefined) => void navigate({ search: (prev) => ({ ...prev, jobType }) });
  const setFilter = (filter: string) => void navigate({ search: (prev) => ({ ...prev, filter: filter || undefined }), replace: true });
  const closeDialog = () => setDialog(null);

  const all = quotas.data?.items ?? [];
  const shown = search.filter ? all.filter((quota) => quota.jobType.includes(search.filter ?? '')) : all;
  const selected = all.find((quota) => quota.jobType === search.jobType);
  const openCreate = () => setDialog({ action: 'create' });
  const missingScope = useMissingScope('quotas:admin');

  return (
    <PageFrame
      title="Quotas"
      summary="Limits per tenant and job type: concurrency, hourly rate and token bucket, with live usage."
      action={
        <Group gap="sm" wrap="nowrap">
          <QuotaExportMenu onError={setExportError} />
          {missingScope ? (
            <DisabledAction label="Create quota" reason={missingScope} />
          ) : (
            <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
              Create quota
            </Button>
          )}
        </Group>
      }
    >
      {exportError && <ErrorState title="The quota snapshot could not be exported" error={exportError} />}
      <Group justify="space-between">
        <Group gap="md">
          <TextInput
            ref={filterRef}
            aria-label="Filter job types"
            placeholder="Filter job types (f)"
            leftSection={<IconSearch size={14} />}
            value={search.filter ?? ''}
            onChange={(event) => setFilter(event.currentTarget.value)}
          />
          <Button variant="subtle" size="xs" leftSection={<IconRefresh size={14} />} onClick={() => void quotas.refetch()}>
            Refresh
          </Button>
        </Group>
        <Group gap="sm">
          <LiveBadge />
          {quotas.dataUpdatedAt > 0 && (
            <Text size="xs" c="dimmed">
              Updated <Timestamp iso={new Date(quotas.dataUpdatedAt).toISOString()} />
            </Text>
          )}
        </Group>
      </Group>
      {quotas.isPending && <Skeleton height={160} data-testid="quotas-loading" />}
      {quotas.isError && !quotas.data && (
        <ErrorState title="Quotas could not be loaded" error={quotas.error} onRetry={() => void quotas.refetch()} />
      )}
      {quotas.data && (
        <Stack gap="sm">
          {quotas.isError && (
            <Alert color="yellow" variant="light" title="Showing the last quotas that loaded">
              Refreshing failed: {quotas.error.message}
            </Alert>
          )}
          {shown.length === 0 ? (
            <EmptyQuotas filtered={search.filter !== undefined} onCreate={openCreate} onClearFilter={() => setFilter('')} />
          ) : (
            <QuotasTable quotas={shown} selected={search.jobType} />
          )}
        </Stack>
      )}
      <QuotaDetailDrawer
        jobType={search.jobType}
        quota={selected}
        loading={quotas.isPending}
        loadError={quotas.data ? null : quotas.error}
        onRetry={() => void quotas.refetch()}
        onClose={() => select(undefined)}
        onAction={(action, quota) => setDialog({ action, quota })}
      />
      {dialog?.action === 'create' && <QuotaFormDialog onClose={closeDialog} onSaved={(quota) => select(quota.jobType)} />}
      {dialog?.action === 'edit' && <QuotaFormDialog quota={dialog.quota} onClose={closeDialog} onSaved={closeDialog} />}
      {dialog && dialog.action !== 'create' && dialog.action !== 'edit' && (
        <QuotaStateDialog
          action={dialog.action}
          quota={dialog.quota}
          onClose={closeDialog}
          onDone={() => {
            if (dialog.action === 'delete') select(undefined);
          }}
        />
      )}
    </PageFrame>
  );
}
