import {
  BulkJobsResponse,
  ChangePriorityResponse,
  ReplayJobResponse,
  type BulkJobsRequest,
  type BulkPriorityRequest,
  type ReplayJobRequest,
} from '@execops/contract';
import { operatorHeaders, type OperatorReason } from '../features/operator/operator-reason.ts';
import { jobPath, request } from './client.ts';

type BulkBody = Omit<BulkJobsRequest, 'dryRun'> & { dryRun?: boolean };
type BulkPriorityBody = Omit<BulkPriorityRequest, 'dryRun'> & { dryRun?: boolean };
export type BulkJobAction = 'cancel' | 'replay' | 'priority';

/** Operator actions on jobs (cancel is in `jobsApi`): each needs the operator's reason. */
export const jobActionsApi = {
  replay: (jobId: string, body: Partial<ReplayJobRequest>, operator: OperatorReason) =>
    request(ReplayJobResponse, `${jobPath(jobId)}/replay`, { method: 'POST', body, headers: operatorHeaders(operator) }),
  changePriority: (jobId: string, priority: number, operator: OperatorReason) =>
    request(ChangePriorityResponse, `${jobPath(jobId)}/priority`, { method: 'POST', body: { priority }, headers: operatorHeaders(operator) }),
  bulk: (action: BulkJobAction, body: BulkBody | BulkPriorityBody, operator: OperatorReason) =>
    request(BulkJobsResponse, `/jobs/bulk/${action}`, { method: 'POST', body, headers: operatorHeaders(operator) }),
  /** A dry run changes nothing and needs no reason; it says how many jobs the action would apply to. */
  bulkDryRun: (action: BulkJobAction, body: BulkBody | BulkPriorityBody) =>
    request(BulkJobsResponse, `/jobs/bulk/${action}`, { method: 'POST', body: { ...body, dryRun: true } }),
};
