import { Button, EmptyState } from '@mantine/core';
import { IconServer2 } from '@tabler/icons-react';

export function EmptyWorkers({ filtered, onClearFilter }: { filtered: boolean; onClearFilter: () => void }) {
  return (
    <EmptyState
      data-testid="workers-empty"
      icon={<IconServer2 />}
      withIndicatorBackground
      title={filtered ? 'No worker matches these filters' : 'No worker has registered yet'}
      description={
        filtered
          ? 'Clear the filters to see the whole fleet.'
          : 'Workers appear here when they register: the server’s in-process runtime, and SDK workers through the worker protocol (POST /api/v1/worker/register).'
      }
    >
      {filtered && (
        <EmptyState.Actions>
          <Button variant="light" onClick={onClearFilter}>
            Clear filters
          </Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}
