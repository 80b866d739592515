import type { APIRequestContext } from '@playwright/test';
import { apiPost } from './api.ts';

const OPERATOR = { 'X-Operator-Reason': 'e2e setup' };

export interface ScheduleJson {
  id: string;
  name: string;
  enabled: boolean;
  paused: boolean;
  nextFireAt: string | null;
}

export interface RunJson {
  id: string;
  scheduleId: string | null;
  trigger: string;
  state: string;
}

export type SchedulerStatusJson = {
  since: string;
  schedules: Record<string, number>;
  activeRuns: Record<string, number>;
  recentRuns: Record<string, number>;
  nextFires: Array<{ scheduleId: string; name: string; nextFireAt: string }>;
  missedFires: { events: number; slots: number; latest: Array<{ scheduleId: string; type: string }> };
  leader: { holder: string; term: number; since: string } | null;
};

/** POSTs a scheduler change with an operator reason and expects `status`. */
export const schedulerPost = <T>(request: APIRequestContext, path: string, data?: Record<string, unknown>, status = 200) =>
  apiPost<T>(request, path, data, status, OPERATOR);

/** A schedule of one job of `jobType` (by default yearly, so it does not fire during a test). */
export const createSchedule = (request: APIRequestContext, name: string, jobType: string, extra: Record<string, unknown> = {}) =>
  schedulerPost<ScheduleJson>(request, '/schedules', { name, cron: '0 0 1 1 *', target: { kind: 'job', job: { jobType } }, ...extra }, 201);

export const triggerSchedule = (request: APIRequestContext, id: string) => schedulerPost<RunJson>(request, `/schedules/${id}/trigger`, undefined, 201);
