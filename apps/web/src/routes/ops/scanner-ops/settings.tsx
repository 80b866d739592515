import { Skeleton } from '@mantine/core';
import { createFileRoute } from '@tanstack/react-router';
import { useAnalyzers, useScannerSettings } from '../../../api/scanner-scans-queries.ts';
import { DetailSection } from '../../../components/DetailSection.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { PageFrame } from '../../../components/PageFrame.tsx';
import { AuditTrail } from '../../../features/audit/AuditTrail.tsx';
import { ScannerSettingsForm } from '../../../features/scanner-settings/ScannerSettingsForm.tsx';

export const Route = createFileRoute('/ops/scanner-ops/settings')({
  staticData: { title: 'Scanner settings', section: 'scannerOps' },
  component: ScannerSettingsPage,
});

function ScannerSettingsPage() {
  const settings = useScannerSettings();
  const analyzers = useAnalyzers();
  const retry = () => void Promise.all([settings.refetch(), analyzers.refetch()]);
  const error = settings.error ?? analyzers.error;
  return (
    <PageFrame title="Scanner settings" summary="Concurrency, timeouts, target size limit, enabled analyzers and feed staleness.">
      {(settings.isPending || analyzers.isPending) && !error && <Skeleton height={320} />}
      {error && <ErrorState title="The scanner settings could not be loaded" error={error} onRetry={retry} />}
      {settings.data && analyzers.data && (
        // Keyed by the saved version: a save elsewhere (or this one) restarts the form from what the server holds.
        <ScannerSettingsForm key={settings.data.updatedAt ?? 'defaults'} settings={settings.data} analyzerIds={analyzers.data.items.map((a) => a.id)} />
      )}
      <DetailSection title="Audit of settings">
        <AuditTrail targetType="scanner_settings" targetId="site" targetLabel="settings" />
      </DetailSection>
    </PageFrame>
  );
}
