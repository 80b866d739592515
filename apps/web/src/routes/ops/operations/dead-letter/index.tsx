import { canonicalRoutes } from '@execops/contract';
import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../../components/PlaceholderPage.tsx';

const LINKS = [
  { label: 'Dead-letter queue', to: canonicalRoutes.deadLetterQueue },
  { label: 'Jobs', to: canonicalRoutes.jobs },
] as const;

export const Route = createFileRoute('/ops/operations/dead-letter/')({
  staticData: { title: 'Dead-Letter', section: 'deadLetter' },
  component: DeadLetterPage,
});

function DeadLetterPage() {
  return (
    <PlaceholderPage
      title="Dead-Letter"
      summary="Jobs that exhausted their attempts: open entries, oldest entry and the most common errors."
      actionLabel="Export entries"
      notice="Dead-letter statistics arrive with the dead-letter API; nothing is shown until then."
      links={LINKS}
    />
  );
}
