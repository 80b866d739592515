import { QueueHealthReport, QueuePause } from '@execops/contract';
import { operatorHeaders, type OperatorReason } from '../features/operator/operator-reason.ts';
import { request } from './client.ts';

const queuePath = (queue: string) => `/queues/${encodeURIComponent(queue)}`;

/** Queue health and the queue-level operator actions (each needs the operator's reason). */
export const queuesApi = {
  health: () => request(QueueHealthReport, '/queues/health'),
  pause: (queue: string, operator: OperatorReason) =>
    request(QueuePause, `${queuePath(queue)}/pause`, { method: 'POST', headers: operatorHeaders(operator) }),
  resume: (queue: string, operator: OperatorReason) =>
    request(QueuePause, `${queuePath(queue)}/resume`, { method: 'POST', headers: operatorHeaders(operator) }),
};
