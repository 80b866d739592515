import type { AnalyzerEntry } from '@execops/contract';
import { Button, Skeleton, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useAnalyzers } from '../../../api/scanner-scans-queries.ts';
import { DetailSection } from '../../../components/DetailSection.tsx';
import { DisabledAction } from '../../../components/DisabledAction.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { PageFrame } from '../../../components/PageFrame.tsx';
import { StaleDataAlert } from '../../../components/StaleDataAlert.tsx';
import { AuditTrail } from '../../../features/audit/AuditTrail.tsx';
import { useMissingScope } from '../../../features/auth/use-session.ts';
import { RefreshAnalyzersDialog, ToggleAnalyzerDialog } from '../../../features/scanner-analyzers/AnalyzerDialogs.tsx';
import { AnalyzersTable } from '../../../features/scanner-analyzers/AnalyzersTable.tsx';

export const Route = createFileRoute('/ops/scanner-ops/analyzers')({
  staticData: { title: 'Analyzers', section: 'scannerOps' },
  component: AnalyzersPage,
});

type Dialog = { action: 'refresh' } | { action: 'toggle'; analyzer: AnalyzerEntry };

function AnalyzersPage() {
  const analyzers = useAnalyzers();
  const missingScope = useMissingScope('scanner:admin');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  return (
    <PageFrame
      title="Analyzers"
      summary="What each scan runs: version, source, health over the window, enable or disable, self-check."
      action={
        missingScope ? (
          <DisabledAction label="Refresh" reason={missingScope} />
        ) : (
          <Button leftSection={<IconRefresh size={16} />} onClick={() => setDialog({ action: 'refresh' })}>
            Refresh
          </Button>
        )
      }
    >
      {analyzers.isPending && <Skeleton height={240} />}
      {analyzers.isError && !analyzers.data && (
        <ErrorState title="Analyzers could not be loaded" error={analyzers.error} onRetry={() => void analyzers.refetch()} />
      )}
      {analyzers.data && (
        <Stack gap="sm">
          {analyzers.isError && <StaleDataAlert title="Showing the analyzers as they last loaded" error={analyzers.error} />}
          <Text size="sm" c="dimmed">
            Health covers the last {analyzers.data.healthWindowDays} days of runs.
          </Text>
          <AnalyzersTable analyzers={analyzers.data.items} missingScope={missingScope} onToggle={(analyzer) => setDialog({ action: 'toggle', analyzer })} />
        </Stack>
      )}
      <DetailSection title="Audit of analyzers">
        <AuditTrail targetType="scanner_analyzer" targetLabel="analyzer" />
      </DetailSection>
      {dialog?.action === 'refresh' && <RefreshAnalyzersDialog onClose={close} />}
      {dialog?.action === 'toggle' && <ToggleAnalyzerDialog analyzer={dialog.analyzer} onClose={close} />}
    </PageFrame>
  );
}
