import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../components/PlaceholderPage.tsx';

export const Route = createFileRoute('/ops/scanner-ops/offline-kits')({
  staticData: { title: 'Offline kits', section: 'scannerOps' },
  component: OfflineKitsPage,
});

function OfflineKitsPage() {
  return (
    <PlaceholderPage
      title="Offline kits"
      summary="Import, verify, activate and roll back signed offline feed kits."
      actionLabel="Import kit"
      notice="Offline kits arrive with the scan pipeline; no kits are shown until then."
    />
  );
}
