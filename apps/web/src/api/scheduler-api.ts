import {
  Run,
  RunActionResponse,
  RunPage,
  Schedule,
  SchedulePage,
  SchedulePreview,
  SchedulerStatus,
  type CreateScheduleRequest,
  type ListRunsQuery,
  type ListSchedulesQuery,
  type SchedulePreviewRequest,
  type UpdateScheduleRequest,
} from '@execops/contract';
import { operatorHeaders, type OperatorReason } from '../features/operator/operator-reason.ts';
import { currentTenant } from '../tenant/current-tenant.ts';
import { API_BASE, request, toQueryString } from './client.ts';

/** The state changes and manual trigger of a schedule, each a POST to `/schedules/:id/<action>`. */
export type ScheduleAction = 'enable' | 'disable' | 'pause' | 'resume' | 'trigger' | 'delete';
export type RunAction = 'cancel' | 'retry-failed';

export type SchedulesQuery = Partial<ListSchedulesQuery>;
export type RunsQuery = Partial<ListRunsQuery>;

const schedulePath = (id: string) => `/schedules/${encodeURIComponent(id)}`;
const runPath = (id: string) => `/runs/${encodeURIComponent(id)}`;

export const schedulerApi = {
  status: () => request(SchedulerStatus, '/scheduler/status'),
  schedules: (query: SchedulesQuery) => request(SchedulePage, `/schedules${toQueryString(query)}`),
  schedule: (id: string) => request(Schedule, schedulePath(id)),
  previewOf: (id: string) => request(SchedulePreview, `${schedulePath(id)}/preview`),
  preview: (body: SchedulePreviewRequest) => request(SchedulePreview, '/schedules/preview', { method: 'POST', body }),
  create: (body: CreateScheduleRequest, operator: OperatorReason) =>
    request(Schedule, '/schedules', { method: 'POST', body, headers: operatorHeaders(operator) }),
  update: (id: string, body: UpdateScheduleRequest, operator: OperatorReason) =>
    request(Schedule, schedulePath(id), { method: 'PATCH', body, headers: operatorHeaders(operator) }),
  remove: (id: string, operator: OperatorReason) => request(Schedule, schedulePath(id), { method: 'DELETE', headers: operatorHeaders(operator) }),
  setState: (id: string, action: Exclude<ScheduleAction, 'trigger' | 'delete'>, operator: OperatorReason) =>
    request(Schedule, `${schedulePath(id)}/${action}`, { method: 'POST', headers: operatorHeaders(operator) }),
  trigger: (id: string, operator: OperatorReason) => request(Run, `${schedulePath(id)}/trigger`, { method: 'POST', headers: operatorHeaders(operator) }),
  runs: (query: RunsQuery) => request(RunPage, `/runs${toQueryString(query)}`),
  run: (id: string) => request(Run, runPath(id)),
  /** The run's event stream, for `EventSource` (which cannot send X-Tenant); `lastEventId` resumes after that item. */
  runStreamUrl: (id: string, lastEventId: string | undefined) =>
    `${API_BASE}${runPath(id)}/stream?${new URLSearchParams({ tenant: currentTenant(), ...(lastEventId ? { lastEventId } : {}) }).toString()}`,
  runAction: (id: string, action: RunAction, operator: OperatorReason) =>
    request(RunActionResponse, `${runPath(id)}/${action}`, { method: 'POST', headers: operatorHeaders(operator) }),
};
