import { canonicalRoutes } from '@execops/contract';
import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../../components/PlaceholderPage.tsx';

const LINKS = [
  { label: 'Jobs', to: canonicalRoutes.jobs },
] as const;

export const Route = createFileRoute('/ops/operations/dead-letter/queue')({
  staticData: { title: 'Dead-letter queue', section: 'deadLetter' },
  component: DeadLetterQueuePage,
});

function DeadLetterQueuePage() {
  return (
    <PlaceholderPage
      title="Dead-letter queue"
      summary="Browse, replay, resolve and export dead-letter entries."
      actionLabel="Replay selected"
      notice="The dead-letter queue arrives with the dead-letter API; no entries are shown until then."
      links={LINKS}
    />
  );
}
