import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../components/PlaceholderPage.tsx';

export const Route = createFileRoute('/ops/scanner-ops/analyzers')({
  staticData: { title: 'Analyzers', section: 'scannerOps' },
  component: AnalyzersPage,
});

function AnalyzersPage() {
  return (
    <PlaceholderPage
      title="Analyzers"
      summary="Registered analyzers with their version, source, enablement and health."
      actionLabel="Refresh analyzers"
      notice="The analyzer registry arrives with the scan pipeline; nothing is shown until then."
    />
  );
}
