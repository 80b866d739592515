import { WorkerDetail, WorkerInfo, WorkerList, type ListWorkersQuery } from '@execops/contract';
import { operatorHeaders, type OperatorReason } from '../features/operator/operator-reason.ts';
import { request, toQueryString } from './client.ts';

export type WorkerAction = 'drain' | 'resume';

const workerPath = (id: string) => `/workers/${encodeURIComponent(id)}`;

export const workersApi = {
  list: (query: ListWorkersQuery) => request(WorkerList, `/workers${toQueryString(query)}`),
  get: (id: string) => request(WorkerDetail, workerPath(id)),
  act: (id: string, action: WorkerAction, operator: OperatorReason) =>
    request(WorkerInfo, `${workerPath(id)}/${action}`, { method: 'POST', headers: operatorHeaders(operator) }),
};
