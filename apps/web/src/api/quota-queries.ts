import type { CreateQuotaRequest, UpdateQuotaRequest } from '@execops/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OperatorReason } from '../features/operator/operator-reason.ts';
import { auditKeys } from './audit-api.ts';
import { quotasApi } from './quota-api.ts';

export const quotaKeys = {
  all: ['quotas'] as const,
  list: ['quotas', 'list'] as const,
};

export function useQuotas() {
  return useQuery({ queryKey: quotaKeys.list, queryFn: quotasApi.list });
}

/** A quota change: on success the quota table and every audit trail are refetched. */
function useQuotaChange<A, T>(change: (args: A, operator: OperatorReason) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ args, operator }: { args: A; operator: OperatorReason }) => change(args, operator),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: quotaKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });
}

export const useCreateQuota = () => useQuotaChange((body: CreateQuotaRequest, operator) => quotasApi.create(body, operator));

export const useUpdateQuota = () =>
  useQuotaChange(({ jobType, body }: { jobType: string; body: UpdateQuotaRequest }, operator) => quotasApi.update(jobType, body, operator));

export const useDeleteQuota = () => useQuotaChange((jobType: string, operator) => quotasApi.remove(jobType, operator));

export const useSetQuotaPaused = () =>
  useQuotaChange(({ jobType, paused }: { jobType: string; paused: boolean }, operator) => quotasApi.setPaused(jobType, paused, operator));
