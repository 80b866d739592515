import { type StreamEvent } from '@execops/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRefetchOnEvents } from '../live/use-live-events.ts';
import type { OperatorReason } from '../features/operator/operator-reason.ts';
import { auditKeys } from './audit-api.ts';
import { jobActionsApi } from './job-actions-api.ts';
import { jobDetailApi } from './job-detail-api.ts';
import { jobKeys, useJob } from './job-queries.ts';

/** Under the job's own key, so one invalidation refreshes the job and whichever of its tabs is showing. */
export const jobDetailKeys = {
  events: (jobId: string) => [...jobKeys.detail(jobId), 'events'] as const,
  artifacts: (jobId: string) => [...jobKeys.detail(jobId), 'artifacts'] as const,
  dag: (jobId: string) => [...jobKeys.detail(jobId), 'dag'] as const,
};

export const jobTopic = (jobId: string) => `jobs:${jobId}`;

/** Events written together with an audit entry on the job. */
const OPERATOR_EVENTS: ReadonlySet<string> = new Set(['job.canceled', 'job.cancel_requested', 'job.priority_changed']);
const isOperatorEvent = (event: StreamEvent) => OPERATOR_EVENTS.has(event.type);

/**
 * The job, refetched (at most once a second) when its live events arrive, together with whichever of its tabs is
 * showing; the audit trail follows the events that operators cause, whoever the operator.
 */
export function useLiveJob(jobId: string) {
  useRefetchOnEvents(jobTopic(jobId), jobKeys.detail(jobId));
  useRefetchOnEvents(jobTopic(jobId), auditKeys.all, 1_000, isOperatorEvent);
  return useJob(jobId);
}

export function useJobEvents(jobId: string) {
  return useQuery({ queryKey: jobDetailKeys.events(jobId), queryFn: () => jobDetailApi.events(jobId) });
}

export function useJobArtifacts(jobId: string) {
  return useQuery({ queryKey: jobDetailKeys.artifacts(jobId), queryFn: () => jobDetailApi.artifacts(jobId) });
}

export function useJobDag(jobId: string) {
  return useQuery({ queryKey: jobDetailKeys.dag(jobId), queryFn: () => jobDetailApi.dag(jobId) });
}

export interface ReplayOptions {
  priority: number | undefined;
  withDownstream: boolean;
}

function useInvalidateJobs() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: jobKeys.all });
}

export function useReplayJob(jobId: string) {
  const invalidate = useInvalidateJobs();
  return useMutation({
    mutationFn: ({ options, operator }: { options: ReplayOptions; operator: OperatorReason }) =>
      jobActionsApi.replay(
        jobId,
        { ...(options.priority === undefined ? {} : { priority: options.priority }), ...(options.withDownstream ? { withDownstream: true } : {}) },
        operator,
      ),
    onSuccess: invalidate,
  });
}

export function useChangePriority(jobId: string) {
  const invalidate = useInvalidateJobs();
  return useMutation({
    mutationFn: ({ priority, operator }: { priority: number; operator: OperatorReason }) => jobActionsApi.changePriority(jobId, priority, operator),
    onSuccess: invalidate,
  });
}
