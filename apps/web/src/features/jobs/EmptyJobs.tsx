import { IconListSearch } from '@tabler/icons-react';
import { ListEmptyState } from '../../components/ListEmptyState.tsx';

interface EmptyJobsProps {
  filtered: boolean;
  onClearFilters: () => void;
}

export function EmptyJobs({ filtered, onClearFilters }: EmptyJobsProps) {
  return (
    <ListEmptyState
      testId="jobs-empty"
      icon={<IconListSearch />}
      empty={{ title: 'No jobs yet', description: 'Enqueue one with the button above, or through POST /api/v1/jobs.' }}
      noMatch={{ title: 'No jobs match these filters', description: 'Widen the filters or clear them to see every job.' }}
      filtered={filtered}
      onClearFilters={onClearFilters}
    />
  );
}
