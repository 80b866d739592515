import { Button, EmptyState } from '@mantine/core';
import { IconInboxOff } from '@tabler/icons-react';

interface EmptyDeadLetterProps {
  filtered: boolean;
  onClearFilters: () => void;
}

export function EmptyDeadLetter({ filtered, onClearFilters }: EmptyDeadLetterProps) {
  if (!filtered) {
    return (
      <EmptyState
        data-testid="dead-letter-empty"
        icon={<IconInboxOff />}
        withIndicatorBackground
        title="The dead-letter queue is empty"
        description="A job lands here when it fails for good: attempts exhausted or a permanent error."
      />
    );
  }
  return (
    <EmptyState
      data-testid="dead-letter-empty"
      icon={<IconInboxOff />}
      withIndicatorBackground
      title="No entries match these filters"
      description="Widen the filters or clear them to see every entry."
    >
      <EmptyState.Actions>
        <Button variant="light" onClick={onClearFilters}>
          Clear filters
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
