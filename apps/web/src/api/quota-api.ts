import { Quota, QuotaList, type CreateQuotaRequest, type UpdateQuotaRequest } from '@execops/contract';
import { z } from 'zod';
import { operatorHeaders, type OperatorReason } from '../features/operator/operator-reason.ts';
import { downloadFile, request, toQueryString, type DownloadedFile } from './client.ts';

export type QuotaExportFormat = 'json' | 'csv';

const quotaPath = (jobType: string) => `/quotas/${encodeURIComponent(jobType)}`;

/** Deleting answers 204 with no body. */
const NoContent = z.undefined();

export const quotasApi = {
  list: () => request(QuotaList, '/quotas'),
  create: (body: CreateQuotaRequest, operator: OperatorReason) =>
    request(Quota, '/quotas', { method: 'POST', body, headers: operatorHeaders(operator) }),
  update: (jobType: string, body: UpdateQuotaRequest, operator: OperatorReason) =>
    request(Quota, quotaPath(jobType), { method: 'PUT', body, headers: operatorHeaders(operator) }),
  remove: (jobType: string, operator: OperatorReason) =>
    request(NoContent, quotaPath(jobType), { method: 'DELETE', headers: operatorHeaders(operator) }),
  setPaused: (jobType: string, paused: boolean, operator: OperatorReason) =>
    request(Quota, `${quotaPath(jobType)}/${paused ? 'pause' : 'resume'}`, { method: 'POST', headers: operatorHeaders(operator) }),
  exportSnapshot: (format: QuotaExportFormat) => fetchExport(format),
};

function fetchExport(format: QuotaExportFormat): Promise<DownloadedFile> {
  const fallback = `quotas-${new Date().toISOString().replace(/[:.]/g, '-')}.${format}`;
  return downloadFile(`/quotas/export${toQueryString({ format })}`, fallback);
}
