import { canonicalRoutes } from '@execops/contract';
import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../../components/PlaceholderPage.tsx';

const LINKS = [
  { label: 'Jobs', to: canonicalRoutes.jobs },
] as const;

export const Route = createFileRoute('/ops/operations/scheduler/workers')({
  staticData: { title: 'Workers', section: 'scheduler' },
  component: WorkersPage,
});

function WorkersPage() {
  return (
    <PlaceholderPage
      title="Workers"
      summary="The worker fleet: state, heartbeat, active jobs and throughput per worker."
      actionLabel="Drain worker"
      notice="The worker registry arrives with the worker protocol; nothing is shown until then."
      links={LINKS}
    />
  );
}
