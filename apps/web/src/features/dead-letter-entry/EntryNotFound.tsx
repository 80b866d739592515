import { canonicalRoutes } from '@execops/contract';
import { IconFileUnknown } from '@tabler/icons-react';
import { LinkEmptyState } from '../../components/LinkEmptyState.tsx';

export function EntryNotFound({ entryId }: { entryId: string }) {
  return (
    <LinkEmptyState
      testId="entry-not-found"
      icon={<IconFileUnknown />}
      title="Dead-letter entry not found"
      description={`No dead-letter entry ${entryId} in this tenant.`}
      to={canonicalRoutes.deadLetterQueue}
      linkLabel="Back to the dead-letter queue"
    />
  );
}
