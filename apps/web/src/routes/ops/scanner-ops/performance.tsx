import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../components/PlaceholderPage.tsx';

export const Route = createFileRoute('/ops/scanner-ops/performance')({
  staticData: { title: 'Performance', section: 'scannerOps' },
  component: PerformancePage,
});

function PerformancePage() {
  return (
    <PlaceholderPage
      title="Performance"
      summary="Scan and analyzer durations over time against the performance baseline."
      actionLabel="Export CSV"
      notice="Scanner performance data arrives with the scan pipeline; nothing is shown until then."
    />
  );
}
