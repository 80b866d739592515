import { canonicalRoutes } from '@execops/contract';
import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../../components/PlaceholderPage.tsx';

const LINKS = [
  { label: 'Runs', to: canonicalRoutes.runs },
] as const;

export const Route = createFileRoute('/ops/operations/scheduler/schedules')({
  staticData: { title: 'Schedules', section: 'scheduler' },
  component: SchedulesPage,
});

function SchedulesPage() {
  return (
    <PlaceholderPage
      title="Schedules"
      summary="Cron schedules with their next fire times and misfire and overlap policies."
      actionLabel="New schedule"
      notice="Schedules arrive with the scheduler; nothing is shown until then."
      links={LINKS}
    />
  );
}
