import type { BulkJobsRequest } from '@execops/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { jobActionsApi, type BulkJobAction } from './job-actions-api.ts';

type Selection = Pick<BulkJobsRequest, 'ids' | 'filter'>;

/**
 * The dry-run count of a bulk action. The count does not depend on the new priority, so the priority dry run
 * sends a fixed one and the count stays put while the operator types.
 */
export function useBulkDryRun(action: BulkJobAction, selection: Selection) {
  return useQuery({
    queryKey: ['jobs', 'bulk-dry-run', action, selection],
    queryFn: () => jobActionsApi.bulkDryRun(action, action === 'priority' ? { ...selection, priority: 0 } : selection),
    staleTime: 0,
  });
}

/** How many jobs match the filters; the `selected` of a dry run does not depend on the action. */
export function useMatchingJobCount(filter: NonNullable<BulkJobsRequest['filter']>, enabled: boolean) {
  return useQuery({
    queryKey: ['jobs', 'matching-count', filter],
    queryFn: async () => (await jobActionsApi.bulkDryRun('cancel', { filter })).selected,
    enabled,
  });
}

/** After an operator action: every job view and the audit log may have changed. */
export function useInvalidateAfterJobAction() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: ['jobs'] }), queryClient.invalidateQueries({ queryKey: ['audit'] })]);
}
