import { canonicalRoutes } from '@execops/contract';
import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../../../components/PlaceholderPage.tsx';

const LINKS = [
  { label: 'Schedules', to: canonicalRoutes.schedules },
  { label: 'Jobs', to: canonicalRoutes.jobs },
] as const;

export const Route = createFileRoute('/ops/operations/scheduler/runs/')({
  staticData: { title: 'Runs', section: 'scheduler' },
  component: RunsPage,
});

function RunsPage() {
  return (
    <PlaceholderPage
      title="Runs"
      summary="Runs started by schedules, operators and the API, with their job counts and progress."
      actionLabel="Trigger run"
      notice="Scheduler runs arrive with the scheduler; nothing is shown until then."
      links={LINKS}
    />
  );
}
