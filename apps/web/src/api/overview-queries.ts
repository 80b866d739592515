import { OVERVIEW_THRESHOLDS, WORKER_STALE_AFTER_SECONDS } from '@execops/contract';
import { useQuery } from '@tanstack/react-query';
import { overviewApi } from './overview-api.ts';

export const overviewKeys = {
  all: ['overview'] as const,
  tenants: ['tenants'] as const,
};

/**
 * Stale workers, overdue schedules and a backlog's age change with the passing of time alone, not with an event;
 * the overview is read again this often for them. Everything else arrives with live events.
 */
const AGEING_REFETCH_MS = Math.min(WORKER_STALE_AFTER_SECONDS, OVERVIEW_THRESHOLDS.scheduleOverdueSeconds) * 1000;

export function useOverview() {
  return useQuery({ queryKey: overviewKeys.all, queryFn: overviewApi.get, refetchInterval: AGEING_REFETCH_MS });
}

/** Read when the switcher opens (`enabled`), not on every page load. */
export function useTenants(enabled: boolean) {
  return useQuery({ queryKey: overviewKeys.tenants, queryFn: overviewApi.tenants, staleTime: 60_000, enabled });
}
