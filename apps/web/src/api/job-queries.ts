import { type EnqueueJobRequest, type ListJobsQueryInput } from '@execops/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { jobsApi } from './client.ts';
import type { OperatorReason } from '../features/operator/operator-reason.ts';

export const AUTO_REFRESH_MS = 5_000;

export const jobKeys = {
  all: ['jobs'] as const,
  list: (query: ListJobsQueryInput) => ['jobs', 'list', query] as const,
  detail: (jobId: string) => ['jobs', 'detail', jobId] as const,
};

/** One page of the listing; live pages refetch it on job events (`useRefetchOnEvents('jobs', ['jobs', 'list'])`). */
export function useJobPage(query: ListJobsQueryInput) {
  return useQuery({
    queryKey: jobKeys.list(query),
    queryFn: () => jobsApi.list(query),
    placeholderData: keepPreviousData,
  });
}

/**
 * Job changes arrive as live events (`useLiveJob`). Progress is the exception: heartbeats write it without an
 * event, so a running job is re-read now and then to move its progress bar.
 */
export const RUNNING_PROGRESS_REFRESH_MS = 15_000;

export function useJob(jobId: string) {
  return useQuery({
    queryKey: jobKeys.detail(jobId),
    queryFn: () => jobsApi.get(jobId),
    refetchInterval: (query) => (query.state.data?.state === 'running' && !query.state.error ? RUNNING_PROGRESS_REFRESH_MS : false),
  });
}

export function useEnqueueJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (job: EnqueueJobRequest) => jobsApi.enqueue(job),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  });
}

export function useCancelJob(jobId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (operator: OperatorReason) => jobsApi.cancel(jobId, operator),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
