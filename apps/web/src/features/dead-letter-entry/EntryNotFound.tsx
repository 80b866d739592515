import { canonicalRoutes } from '@execops/contract';
import { Button, EmptyState } from '@mantine/core';
import { IconFileUnknown } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';

export function EntryNotFound({ entryId }: { entryId: string }) {
  return (
    <EmptyState
      data-testid="entry-not-found"
      icon={<IconFileUnknown />}
      withIndicatorBackground
      title="Dead-letter entry not found"
      description={`No dead-letter entry ${entryId} in this tenant.`}
    >
      <EmptyState.Actions>
        <Button variant="light" renderRoot={(props) => <Link to={canonicalRoutes.deadLetterQueue} {...props} />}>
          Back to the dead-letter queue
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
