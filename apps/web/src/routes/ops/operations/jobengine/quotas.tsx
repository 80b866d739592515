import { canonicalRoutes } from '@execops/contract';
import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../../components/PlaceholderPage.tsx';

const LINKS = [
  { label: 'Jobs', to: canonicalRoutes.jobs },
] as const;

export const Route = createFileRoute('/ops/operations/jobengine/quotas')({
  staticData: { title: 'Quotas', section: 'jobEngine' },
  component: QuotasPage,
});

function QuotasPage() {
  return (
    <PlaceholderPage
      title="Quotas"
      summary="Limits per tenant and job type: concurrency, hourly rate and token bucket, with live usage."
      actionLabel="Create quota"
      notice="Quotas arrive with the quota engine; nothing is shown until then."
      links={LINKS}
    />
  );
}
