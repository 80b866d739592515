import { IconInboxOff } from '@tabler/icons-react';
import { ListEmptyState } from '../../components/ListEmptyState.tsx';

interface EmptyDeadLetterProps {
  filtered: boolean;
  onClearFilters: () => void;
}

export function EmptyDeadLetter({ filtered, onClearFilters }: EmptyDeadLetterProps) {
  return (
    <ListEmptyState
      testId="dead-letter-empty"
      icon={<IconInboxOff />}
      empty={{
        title: 'The dead-letter queue is empty',
        description: 'A job lands here when it fails for good: attempts exhausted or a permanent error.',
      }}
      noMatch={{ title: 'No entries match these filters', description: 'Widen the filters or clear them to see every entry.' }}
      filtered={filtered}
      onClearFilters={onClearFilters}
    />
  );
}
