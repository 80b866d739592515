import { Quota, QuotaList, type CreateQuotaRequest, type UpdateQuotaRequest } from '@execops/contract';
import { z } from 'zod';
import { operatorHeaders, type OperatorReason } from '../features/operator/operator-reason.ts';
import { errorFrom, readJson, request, send, toQueryString } from './client.ts';

export type QuotaExportFormat = 'json' | 'csv';

/** A downloaded file: its name (the server's Content-Disposition when it sends one) and content. */
export interface QuotaExportFile {
  filename: string;
  blob: Blob;
}

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

async function fetchExport(format: QuotaExportFormat): Promise<QuotaExportFile> {
  const response = await send(`/quotas/export${toQueryString({ format })}`);
  if (!response.ok) throw errorFrom(response, await readJson(response));
  const blob = await response.blob();
  return { filename: filenameOf(response) ?? `quotas-${new Date().toISOString().replace(/[:.]/g, '-')}.${format}`, blob };
}

function filenameOf(response: Response): string | undefined {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}
