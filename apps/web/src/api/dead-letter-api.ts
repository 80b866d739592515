import {
  BulkDeadLetterResponse,
  DeadLetterEntry,
  DeadLetterEntryDetail,
  DeadLetterPage,
  DeadLetterStats,
  ReplayDeadLetterResponse,
  type BulkReplayDeadLetterRequest,
  type BulkResolveDeadLetterRequest,
  type DeadLetterExportQueryInput,
  type ListDeadLetterQueryInput,
  type ReplayDeadLetterRequest,
} from '@execops/contract';
import { operatorHeaders, type OperatorReason } from '../features/operator/operator-reason.ts';
import { downloadFile, request, toQueryString, type DownloadedFile } from './client.ts';

const entryPath = (entryId: string) => `/dead-letter/${encodeURIComponent(entryId)}`;

type Bulk<T> = Omit<T, 'dryRun'>;

/**
 * The dead-letter queue (SPEC §5). Replays carry an `Idempotency-Key` so a retried request (double click, network
 * retry) replays the entry once; pass the same key for the same operator intent.
 */
export const deadLetterApi = {
  list: (query: ListDeadLetterQueryInput) => request(DeadLetterPage, `/dead-letter${toQueryString(query)}`),
  stats: () => request(DeadLetterStats, '/dead-letter/stats'),
  get: (entryId: string) => request(DeadLetterEntryDetail, entryPath(entryId)),
  replay: (entryId: string, body: ReplayDeadLetterRequest, operator: OperatorReason, idempotencyKey: string) =>
    request(ReplayDeadLetterResponse, `${entryPath(entryId)}/replay`, {
      method: 'POST',
      body,
      headers: { ...operatorHeaders(operator), 'Idempotency-Key': idempotencyKey },
    }),
  resolve: (entryId: string, note: string, operator: OperatorReason) =>
    request(DeadLetterEntry, `${entryPath(entryId)}/resolve`, { method: 'POST', body: { note }, headers: operatorHeaders(operator) }),
  bulkReplay: (body: Bulk<BulkReplayDeadLetterRequest>, operator: OperatorReason) =>
    request(BulkDeadLetterResponse, '/dead-letter/bulk/replay', { method: 'POST', body, headers: operatorHeaders(operator) }),
  bulkResolve: (body: Bulk<BulkResolveDeadLetterRequest>, operator: OperatorReason) =>
    request(BulkDeadLetterResponse, '/dead-letter/bulk/resolve', { method: 'POST', body, headers: operatorHeaders(operator) }),
  /** Counts without changing anything; needs no reason. */
  dryRun: (action: 'replay' | 'resolve', body: Bulk<BulkReplayDeadLetterRequest> | Omit<Bulk<BulkResolveDeadLetterRequest>, 'note'>) =>
    request(BulkDeadLetterResponse, `/dead-letter/bulk/${action}`, { method: 'POST', body: { ...body, dryRun: true } }),
  export: (query: DeadLetterExportQueryInput): Promise<DownloadedFile> =>
    downloadFile(`/dead-letter/export${toQueryString(query)}`, `dead-letter-${new Date().toISOString().replace(/[:.]/g, '-')}.${query.format ?? 'csv'}`),
};
