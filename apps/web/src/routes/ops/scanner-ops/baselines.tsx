import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../components/PlaceholderPage.tsx';

export const Route = createFileRoute('/ops/scanner-ops/baselines')({
  staticData: { title: 'Baselines', section: 'scannerOps' },
  component: BaselinesPage,
});

function BaselinesPage() {
  return (
    <PlaceholderPage
      title="Baselines"
      summary="Scan results promoted to baseline per target, and comparisons against them."
      actionLabel="Promote baseline"
      notice="Baselines arrive with the scan pipeline; nothing is shown until then."
    />
  );
}
