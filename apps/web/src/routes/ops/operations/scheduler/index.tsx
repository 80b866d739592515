import { canonicalRoutes } from '@execops/contract';
import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../../components/PlaceholderPage.tsx';

const LINKS = [
  { label: 'Runs', to: canonicalRoutes.runs },
  { label: 'Schedules', to: canonicalRoutes.schedules },
  { label: 'Workers', to: canonicalRoutes.workers },
] as const;

export const Route = createFileRoute('/ops/operations/scheduler/')({
  staticData: { title: 'Scheduler', section: 'scheduler' },
  component: SchedulerPage,
});

function SchedulerPage() {
  return (
    <PlaceholderPage
      title="Scheduler"
      summary="Run monitoring, schedule management and the worker fleet."
      actionLabel="Trigger run"
      notice="The scheduler arrives after the job engine; no runs, schedules or workers are shown until then."
      links={LINKS}
    />
  );
}
