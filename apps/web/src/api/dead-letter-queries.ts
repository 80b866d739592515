import type { DeadLetterFilter } from '@execops/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { auditKeys } from './audit-api.ts';
import { deadLetterApi } from './dead-letter-api.ts';

export const deadLetterKeys = {
  all: ['deadletter'] as const,
  stats: ['deadletter', 'stats'] as const,
  bulkDryRun: (action: 'replay' | 'resolve', filter: DeadLetterFilter) => ['deadletter', 'bulk-dry-run', action, filter] as const,
};

export function useDeadLetterStats() {
  return useQuery({ queryKey: deadLetterKeys.stats, queryFn: deadLetterApi.stats });
}

/** How many entries a bulk replay of `filter` would replay; counted fresh each time a dialog opens. */
export function useBulkReplayDryRun(filter: DeadLetterFilter) {
  return useQuery({
    queryKey: deadLetterKeys.bulkDryRun('replay', filter),
    queryFn: () => deadLetterApi.dryRun('replay', { filter }),
    staleTime: 0,
  });
}

/** After a dead-letter action: every dead-letter view, the jobs it created and the audit log may have changed. */
export function useInvalidateAfterDeadLetterAction() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: deadLetterKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['jobs'] }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}
