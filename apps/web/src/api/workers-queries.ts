import { WORKER_HEARTBEAT_SECONDS, type ListWorkersQuery } from '@execops/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OperatorReason } from '../features/operator/operator-reason.ts';
import { auditKeys } from './audit-api.ts';
import { workersApi, type WorkerAction } from './workers-api.ts';

export const workerKeys = {
  all: ['workers'] as const,
  list: (query: ListWorkersQuery) => ['workers', 'list', query] as const,
  detail: (id: string) => ['workers', 'detail', id] as const,
};

/**
 * Heartbeats are not events (a fleet would flood the stream), so stale and offline, which only the passing of
 * time produces, are picked up by refetching once per heartbeat period; everything else comes with SSE events.
 */
const AGEING_REFETCH_MS = WORKER_HEARTBEAT_SECONDS * 1000;

export function useWorkers(query: ListWorkersQuery) {
  return useQuery({ queryKey: workerKeys.list(query), queryFn: () => workersApi.list(query), refetchInterval: AGEING_REFETCH_MS });
}

export function useWorker(id: string | undefined) {
  return useQuery({
    queryKey: workerKeys.detail(id ?? ''),
    queryFn: () => workersApi.get(id ?? ''),
    enabled: id !== undefined,
    refetchInterval: AGEING_REFETCH_MS,
  });
}

/** Drain or resume: on success the fleet and every audit trail are refetched. */
export function useWorkerAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, operator }: { id: string; action: WorkerAction; operator: OperatorReason }) => workersApi.act(id, action, operator),
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: workerKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
