import { canonicalRoutes } from '@execops/contract';
import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../components/PlaceholderPage.tsx';

const LINKS = [
  { label: 'Jobs', to: canonicalRoutes.jobs },
  { label: 'Quotas', to: canonicalRoutes.quotas },
  { label: 'Dead-letter queue', to: canonicalRoutes.deadLetterQueue },
  { label: 'Scheduler runs', to: canonicalRoutes.runs },
  { label: 'Workers', to: canonicalRoutes.workers },
  { label: 'Scanner Ops', to: canonicalRoutes.scannerOps },
] as const;

export const Route = createFileRoute('/ops/operations/jobs-queues')({
  staticData: { title: 'Jobs & Queues', section: 'jobsQueues' },
  component: JobsQueuesPage,
});

function JobsQueuesPage() {
  return (
    <PlaceholderPage
      title="Jobs & Queues"
      summary="Execution overview: the health of every area, with deep links into the operator pages."
      actionLabel="Refresh health"
      notice="Area health cards arrive with the queue-health, dead-letter and scheduler APIs; no numbers are shown until then."
      links={LINKS}
    />
  );
}
