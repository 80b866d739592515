import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../components/PlaceholderPage.tsx';

export const Route = createFileRoute('/ops/scanner-ops/settings')({
  staticData: { title: 'Scanner settings', section: 'scannerOps' },
  component: ScannerSettingsPage,
});

function ScannerSettingsPage() {
  return (
    <PlaceholderPage
      title="Scanner settings"
      summary="Concurrency, timeouts, target size limit, enabled analyzers and feed staleness."
      actionLabel="Save settings"
      notice="Scanner settings arrive with the scan pipeline; nothing can be changed until then."
    />
  );
}
