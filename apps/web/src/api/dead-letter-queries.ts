import type { DeadLetterFilter, ListDeadLetterQueryInput, ReplayDeadLetterRequest } from '@execops/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeadLetterBulkAction, DeadLetterSelectionBody } from '../features/dead-letter/dead-letter-bulk.ts';
import type { OperatorReason } from '../features/operator/operator-reason.ts';
import { useRefetchOnEvents } from '../live/use-live-events.ts';
import { auditKeys } from './audit-api.ts';
import { deadLetterApi } from './dead-letter-api.ts';
import { jobTopic } from './job-detail-queries.ts';
import { jobKeys } from './job-queries.ts';

export const deadLetterKeys = {
  all: ['deadletter'] as const,
  stats: ['deadletter', 'stats'] as const,
  list: (query: ListDeadLetterQueryInput) => ['deadletter', 'list', query] as const,
  bulkDryRun: (action: DeadLetterBulkAction, selection: DeadLetterSelectionBody) => ['deadletter', 'bulk-dry-run', action, selection] as const,
  matchingCount: (filter: DeadLetterFilter) => ['deadletter', 'matching-count', filter] as const,
  entry: (entryId: string) => ['deadletter', 'entry', entryId] as const,
  ofJob: (jobId: string) => ['deadletter', 'of-job', jobId] as const,
};

/** The audit log's `targetType` for actions on dead-letter entries (the target id is the entry id). */
export const DEAD_LETTER_AUDIT_TARGET = 'deadletter';

export const deadLetterEntryTopic = (entryId: string) => `deadletter:${entryId}`;

/**
 * One entry, refetched (at most once a second) on its own live events; those are written with an audit record
 * (replay, resolve), so the audit trail follows them too.
 */
export function useLiveDeadLetterEntry(entryId: string) {
  useRefetchOnEvents(deadLetterEntryTopic(entryId), deadLetterKeys.entry(entryId));
  useRefetchOnEvents(deadLetterEntryTopic(entryId), auditKeys.all);
  return useQuery({ queryKey: deadLetterKeys.entry(entryId), queryFn: () => deadLetterApi.get(entryId) });
}

/** The entry's replay history shows each replay job's state: refetch the entry when that job moves. */
export function useRefetchEntryOnJobEvents(entryId: string, jobId: string) {
  useRefetchOnEvents(jobTopic(jobId), deadLetterKeys.entry(entryId));
}

/**
 * The entry a terminally failed job left, or null. The list's `text` filter also matches error messages, so a hit
 * is kept only when it is this job's own entry.
 */
export function useDeadLetterEntryOfJob(jobId: string) {
  const entry = useQuery({
    queryKey: deadLetterKeys.ofJob(jobId),
    queryFn: async () => {
      const page = await deadLetterApi.list({ text: jobId, limit: 10 });
      return page.items.find((item) => item.jobId === jobId) ?? null;
    },
  });
  // Its status badge follows replays and resolutions made anywhere.
  useRefetchOnEvents(entry.data ? deadLetterEntryTopic(entry.data.id) : null, deadLetterKeys.ofJob(jobId));
  return entry;
}

export function useDeadLetterStats() {
  return useQuery({ queryKey: deadLetterKeys.stats, queryFn: deadLetterApi.stats });
}

/** One page of the queue; the page refetches it on `deadletter` events. */
export function useDeadLetterPage(query: ListDeadLetterQueryInput) {
  return useQuery({ queryKey: deadLetterKeys.list(query), queryFn: () => deadLetterApi.list(query), placeholderData: keepPreviousData });
}

/** What a bulk action would change, counted by the server without changing anything; fresh each time a dialog opens. */
export function useDeadLetterDryRun(action: DeadLetterBulkAction, selection: DeadLetterSelectionBody) {
  return useQuery({
    queryKey: deadLetterKeys.bulkDryRun(action, selection),
    queryFn: () => deadLetterApi.dryRun(action, selection),
    staleTime: 0,
  });
}

/** How many entries match the filters; the `selected` of a dry run does not depend on the action. */
export function useMatchingDeadLetterCount(filter: DeadLetterFilter, enabled: boolean) {
  return useQuery({
    queryKey: deadLetterKeys.matchingCount(filter),
    queryFn: async () => (await deadLetterApi.dryRun('resolve', { filter })).selected,
    enabled,
  });
}

/** After a dead-letter action: every dead-letter view, the jobs it created and the audit log may have changed. */
export function useInvalidateAfterDeadLetterAction() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: deadLetterKeys.all }),
      queryClient.invalidateQueries({ queryKey: jobKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export interface ReplayEntryInput {
  body: ReplayDeadLetterRequest;
  operator: OperatorReason;
  /** One per dialog opening: a double submit or a network retry replays the entry once. */
  idempotencyKey: string;
}

export function useReplayDeadLetterEntry(entryId: string) {
  const invalidate = useInvalidateAfterDeadLetterAction();
  return useMutation({
    mutationFn: ({ body, operator, idempotencyKey }: ReplayEntryInput) => deadLetterApi.replay(entryId, body, operator, idempotencyKey),
    onSuccess: invalidate,
  });
}

export function useResolveDeadLetterEntry(entryId: string) {
  const invalidate = useInvalidateAfterDeadLetterAction();
  return useMutation({
    mutationFn: ({ note, operator }: { note: string; operator: OperatorReason }) => deadLetterApi.resolve(entryId, note, operator),
    onSuccess: invalidate,
  });
}
