import { useQuery } from '@tanstack/react-query';
import { quotasApi } from './quota-api.ts';

export const quotaKeys = {
  all: ['quotas'] as const,
  list: ['quotas', 'list'] as const,
};

export function useQuotaList() {
  return useQuery({ queryKey: quotaKeys.list, queryFn: quotasApi.list });
}
