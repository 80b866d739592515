import { Button, EmptyState } from '@mantine/core';
import { IconGauge, IconPlus } from '@tabler/icons-react';

interface EmptyQuotasProps {
  filtered: boolean;
  onCreate: () => void;
  onClearFilter: () => void;
}

export function EmptyQuotas({ filtered, onCreate, onClearFilter }: EmptyQuotasProps) {
  return (
    <EmptyState
      data-testid="quotas-empty"
      icon={<IconGauge />}
      withIndicatorBackground
      title={filtered ? 'No quota matches this filter' : 'No quotas: every job type runs without limits'}
      description={
        filtered
          ? 'Clear the filter to see every quota of the tenant.'
          : 'A quota caps the jobs of one type (or * for all) by concurrency, starts per hour and a token bucket.'
      }
    >
      <EmptyState.Actions>
        {filtered ? (
          <Button variant="light" onClick={onClearFilter}>
            Clear filter
          </Button>
        ) : (
          <Button leftSection={<IconPlus size={16} />} onClick={onCreate}>
            Create quota
          </Button>
        )}
      </EmptyState.Actions>
    </EmptyState>
  );
}
