import { canonicalRoutes } from '@execops/contract';
import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../../components/PlaceholderPage.tsx';

const LINKS = [
  { label: 'Jobs', to: canonicalRoutes.jobs },
  { label: 'Quotas', to: canonicalRoutes.quotas },
] as const;

export const Route = createFileRoute('/ops/operations/jobengine/')({
  staticData: { title: 'JobEngine', section: 'jobEngine' },
  component: JobEnginePage,
});

function JobEnginePage() {
  return (
    <PlaceholderPage
      title="JobEngine"
      summary="Queue health per queue: depth, oldest job, throughput, failure rate and active workers."
      actionLabel="Pause queue"
      notice="Queue health arrives with the queue-health API; nothing is shown until then."
      links={LINKS}
    />
  );
}
