import { canonicalRoutes } from '@execops/contract';
import { createFileRoute } from '@tanstack/react-router';
import { PlaceholderPage } from '../../../../../components/PlaceholderPage.tsx';

const LINKS = [
  { label: 'Dead-letter queue', to: canonicalRoutes.deadLetterQueue },
] as const;

export const Route = createFileRoute('/ops/operations/dead-letter/entry/$entryId')({
  staticData: { title: 'Dead-letter entry', section: 'deadLetter' },
  component: DeadLetterEntryPage,
});

function DeadLetterEntryPage() {
  const { entryId } = Route.useParams();
  return (
    <PlaceholderPage
      title="Dead-letter entry"
      summary={`One dead-lettered job: error, payload, attempt history and replays (entry ${entryId}).`}
      actionLabel="Replay entry"
      notice="Dead-letter entries arrive with the dead-letter API; nothing is shown until then."
      links={LINKS}
    />
  );
}
