import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OperatorReason } from '../features/operator/operator-reason.ts';
import { auditKeys } from './audit-api.ts';
import { runsApi, type RunAction } from './runs-api.ts';

export const runKeys = {
  all: ['runs'] as const,
  detail: (runId: string) => ['runs', 'detail', runId] as const,
};

export function useRun(runId: string) {
  return useQuery({ queryKey: runKeys.detail(runId), queryFn: () => runsApi.get(runId) });
}

/** Cancel or retry-failed: on success the run and every audit trail are refetched. */
export function useRunAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ runId, action, operator }: { runId: string; action: RunAction; operator: OperatorReason }) => runsApi.act(runId, action, operator),
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: runKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
