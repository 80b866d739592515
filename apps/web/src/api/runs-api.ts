import { Run, RunActionResponse } from '@execops/contract';
import { operatorHeaders, type OperatorReason } from '../features/operator/operator-reason.ts';
import { API_BASE, request } from './client.ts';

export type RunAction = 'cancel' | 'retry-failed';

const runPath = (runId: string) => `/runs/${encodeURIComponent(runId)}`;

export const runsApi = {
  get: (runId: string) => request(Run, runPath(runId)),
  act: (runId: string, action: RunAction, operator: OperatorReason) =>
    request(RunActionResponse, `${runPath(runId)}/${action}`, { method: 'POST', headers: operatorHeaders(operator) }),
  /** The run's event stream, for `EventSource`; `lastEventId` resumes after that item. */
  streamUrl: (runId: string, lastEventId: string | undefined) =>
    `${API_BASE}${runPath(runId)}/stream${lastEventId ? `?${new URLSearchParams({ lastEventId }).toString()}` : ''}`,
};
