import { z } from 'zod';
import { oneOf } from '../jobs/jobs-search.ts';

export const PERF_WINDOWS = ['1d', '7d', '30d'] as const;
export type PerfWindow = (typeof PERF_WINDOWS)[number];
export const DEFAULT_PERF_WINDOW: PerfWindow = '7d';

const WINDOW_DAYS: Record<PerfWindow, number> = { '1d': 1, '7d': 7, '30d': 30 };

export const PerfSearchSchema = z.object({ window: oneOf(PERF_WINDOWS) });

/** The window ending now, as the API's `since`/`until`. */
export function windowQuery(window: PerfWindow, now: number): { since: string; until: string } {
  return { since: new Date(now - WINDOW_DAYS[window] * 86_400_000).toISOString(), until: new Date(now).toISOString() };
}

/** `analyzer:npm` → `npm analyzer`, `scan` → `whole scan`. */
export const metricLabel = (metric: string) => (metric === 'scan' ? 'whole scan' : `${metric.replace(/^analyzer:/, '')} analyzer`);
