import { canonicalRoutes } from '@execops/contract';
import { NotFoundState } from '../../components/NotFoundState.tsx';

export function EntryNotFound({ entryId }: { entryId: string }) {
  return (
    <NotFoundState
      testId="entry-not-found"
      title="Dead-letter entry not found"
      description={`No dead-letter entry ${entryId} in this tenant.`}
      backTo={canonicalRoutes.deadLetterQueue}
      backLabel="Back to the dead-letter queue"
    />
  );
}
