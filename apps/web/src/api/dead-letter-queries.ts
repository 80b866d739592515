import type { DeadLetterFilter, ListDeadLetterQueryInput } from '@execops/contract';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeadLetterBulkAction, DeadLetterSelectionBody } from '../features/dead-letter/dead-letter-bulk.ts';
import { deadLetterApi } from './dead-letter-api.ts';

/** One page of the queue; the page refetches it on `deadletter` events. */
export function useDeadLetterPage(query: ListDeadLetterQueryInput) {
  return useQuery({
    queryKey: ['deadletter', 'list', query],
    queryFn: () => deadLetterApi.list(query),
    placeholderData: keepPreviousData,
  });
}

/** What a bulk action would change, counted by the server without changing anything. */
export function useDeadLetterDryRun(action: DeadLetterBulkAction, selection: DeadLetterSelectionBody) {
  return useQuery({
    queryKey: ['deadletter', 'bulk-dry-run', action, selection],
    queryFn: () => deadLetterApi.dryRun(action, selection),
    staleTime: 0,
  });
}

/** How many entries match the filters; the `selected` of a dry run does not depend on the action. */
export function useMatchingDeadLetterCount(filter: DeadLetterFilter, enabled: boolean) {
  return useQuery({
    queryKey: ['deadletter', 'matching-count', filter],
    queryFn: async () => (await deadLetterApi.dryRun('resolve', { filter })).selected,
    enabled,
  });
}

/** After a replay or resolve: every dead-letter view (list, stats, entries), the jobs and the audit log changed. */
export function useInvalidateAfterDeadLetterAction() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [['deadletter'], ['jobs'], ['audit']].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
}
