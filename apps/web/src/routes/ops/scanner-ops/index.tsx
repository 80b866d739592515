import { canonicalRoutes } from '@execops/contract';
import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../components/PlaceholderPage.tsx';

const LINKS = [
  { label: 'Offline kits', to: canonicalRoutes.offlineKits },
  { label: 'Baselines', to: canonicalRoutes.baselines },
  { label: 'Analyzers', to: canonicalRoutes.analyzers },
  { label: 'Performance', to: canonicalRoutes.performance },
  { label: 'Settings', to: canonicalRoutes.scannerSettings },
] as const;

export const Route = createFileRoute('/ops/scanner-ops/')({
  staticData: { title: 'Scanner Ops', section: 'scannerOps' },
  component: ScannerOpsPage,
});

function ScannerOpsPage() {
  return (
    <PlaceholderPage
      title="Scanner Ops"
      summary="Scanner support tools: offline kits, baselines, analyzers, performance and settings."
      actionLabel="Start scan"
      notice="Scanner support arrives with the scan pipeline; nothing is shown until then."
      links={LINKS}
    />
  );
}
