import type { CreateScheduleRequest, Run, Schedule, SchedulePreviewRequest, UpdateScheduleRequest } from '@execops/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OperatorReason } from '../features/operator/operator-reason.ts';
import { auditKeys } from './audit-api.ts';
import { schedulerApi, type RunAction, type RunsQuery, type ScheduleAction, type SchedulesQuery } from './scheduler-api.ts';

export const schedulerKeys = {
  all: ['scheduler'] as const,
  status: ['scheduler', 'status'] as const,
  schedules: ['scheduler', 'schedules'] as const,
  scheduleList: (query: SchedulesQuery) => ['scheduler', 'schedules', 'list', query] as const,
  schedule: (id: string) => ['scheduler', 'schedules', 'detail', id] as const,
  schedulePreview: (id: string) => ['scheduler', 'schedules', 'preview', id] as const,
  runs: ['scheduler', 'runs'] as const,
  runList: (query: RunsQuery) => ['scheduler', 'runs', 'list', query] as const,
  run: (id: string) => ['scheduler', 'runs', 'detail', id] as const,
  /** Not under `all`: a preview of an unsaved cron does not change with events. */
  draftPreview: (body: SchedulePreviewRequest) => ['schedule-preview', body] as const,
};

export function useSchedulerStatus() {
  return useQuery({ queryKey: schedulerKeys.status, queryFn: schedulerApi.status });
}

export function useSchedules(query: SchedulesQuery) {
  return useQuery({ queryKey: schedulerKeys.scheduleList(query), queryFn: () => schedulerApi.schedules(query), placeholderData: keepPreviousData });
}

export function useSchedule(id: string | undefined) {
  return useQuery({ queryKey: schedulerKeys.schedule(id ?? ''), queryFn: () => schedulerApi.schedule(id ?? ''), enabled: id !== undefined });
}

export function useSchedulePreview(id: string | undefined) {
  return useQuery({ queryKey: schedulerKeys.schedulePreview(id ?? ''), queryFn: () => schedulerApi.previewOf(id ?? ''), enabled: id !== undefined });
}

/** The preview of an unsaved cron and zone; `null` asks for nothing (an empty cron). */
export function useDraftPreview(body: SchedulePreviewRequest | null) {
  return useQuery({
    queryKey: schedulerKeys.draftPreview(body ?? { cron: '' }),
    queryFn: () => schedulerApi.preview(body ?? { cron: '' }),
    enabled: body !== null,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

export function useRuns(query: RunsQuery, options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: schedulerKeys.runList(query), queryFn: () => schedulerApi.runs(query), enabled: options.enabled ?? true });
}

export function useRun(id: string) {
  return useQuery({ queryKey: schedulerKeys.run(id), queryFn: () => schedulerApi.run(id) });
}

/** A scheduler change: on success every scheduler query and every audit trail are refetched. */
function useSchedulerChange<A, T>(change: (args: A, operator: OperatorReason) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ args, operator }: { args: A; operator: OperatorReason }) => change(args, operator),
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: schedulerKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}

export const useCreateSchedule = () => useSchedulerChange((body: CreateScheduleRequest, operator) => schedulerApi.create(body, operator));

export const useUpdateSchedule = () =>
  useSchedulerChange(({ id, body }: { id: string; body: UpdateScheduleRequest }, operator) => schedulerApi.update(id, body, operator));

/** Enable, disable, pause, resume, delete (the schedule as it is after) or trigger (the run it started). */
export const useScheduleAction = () =>
  useSchedulerChange(({ id, action }: { id: string; action: ScheduleAction }, operator): Promise<Schedule | Run> => {
    if (action === 'trigger') return schedulerApi.trigger(id, operator);
    if (action === 'delete') return schedulerApi.remove(id, operator);
    return schedulerApi.setState(id, action, operator);
  });

export const useRunAction = () =>
  useSchedulerChange(({ id, action }: { id: string; action: RunAction }, operator) => schedulerApi.runAction(id, action, operator));
