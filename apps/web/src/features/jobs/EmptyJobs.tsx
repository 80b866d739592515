import { Button, EmptyState } from '@mantine/core';
import { IconListSearch } from '@tabler/icons-react';

interface EmptyJobsProps {
  filtered: boolean;
  onClearFilters: () => void;
}

export function EmptyJobs({ filtered, onClearFilters }: EmptyJobsProps) {
  if (!filtered) {
    return (
      <EmptyState
        data-testid="jobs-empty"
        icon={<IconListSearch />}
        withIndicatorBackground
        title="No jobs yet"
        description="Enqueue one with the button above, or through POST /api/v1/jobs."
      />
    );
  }
  return (
    <EmptyState
      data-testid="jobs-empty"
      icon={<IconListSearch />}
      withIndicatorBackground
      title="No jobs match these filters"
      description="Widen the filters or clear them to see every job."
    >
      <EmptyState.Actions>
        <Button variant="light" onClick={onClearFilters}>
          Clear filters
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
