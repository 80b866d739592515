import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OperatorReason } from '../features/operator/operator-reason.ts';
import { dagApi } from './dag-api.ts';
import { jobActionsApi } from './job-actions-api.ts';

export const dagKeys = {
  all: ['dag'] as const,
  detail: (jobId: string) => ['dag', jobId] as const,
};

/** The graph around a job; live pages refresh it from job events (see `useRefetchOnEvents`), not by polling. */
export function useJobDag(jobId: string) {
  return useQuery({ queryKey: dagKeys.detail(jobId), queryFn: () => dagApi.get(jobId) });
}

/** Replays a job in its place in the graph; its skipped descendants wait for the new job again. */
export function useReplayWithDownstream(jobId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (operator: OperatorReason) => jobActionsApi.replay(jobId, { withDownstream: true }, operator),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dagKeys.all }),
  });
}
