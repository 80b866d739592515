import { canonicalRoutes } from '@execops/contract';
import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../../../../components/PlaceholderPage.tsx';

const LINKS = [
  { label: 'Runs', to: canonicalRoutes.runs },
] as const;

export const Route = createFileRoute('/ops/operations/scheduler/runs/$runId/stream')({
  staticData: { title: 'Run stream', section: 'scheduler' },
  component: RunStreamPage,
});

function RunStreamPage() {
  const { runId } = Route.useParams();
  return (
    <PlaceholderPage
      title="Run stream"
      summary={`Live events of one run: state changes, progress, job changes and logs (run ${runId}).`}
      actionLabel="Cancel run"
      notice="Run streams arrive with the scheduler; no events are shown until then."
      links={LINKS}
    />
  );
}
