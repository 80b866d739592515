import { FeedStatus, KitList, KitSummary, SiteKey, TrustKey, TrustKeyList, type AddTrustKeyRequest } from '@execops/contract';
import { operatorHeaders, type OperatorReason } from '../features/operator/operator-reason.ts';
import { downloadFile, request, type DownloadedFile } from './client.ts';

/** Offline kits, the active feed, trust keys and the site key: site-wide, the same for every tenant. */
export const scannerKitsApi = {
  feed: () => request(FeedStatus, '/scanner/feed'),
  list: () => request(KitList, '/scanner/kits'),
  importKit: (file: File, operator: OperatorReason) =>
    request(KitSummary, '/scanner/kits/import', { method: 'POST', file, headers: operatorHeaders(operator) }),
  rollback: (operator: OperatorReason) => request(KitSummary, '/scanner/kits/rollback', { method: 'POST', headers: operatorHeaders(operator) }),
  exportKit: (operator: OperatorReason): Promise<DownloadedFile> =>
    downloadFile('/scanner/kits/export', 'execops-kit.tar.gz', { method: 'POST', headers: operatorHeaders(operator) }),
  trustKeys: () => request(TrustKeyList, '/scanner/trust-keys'),
  addTrustKey: (body: AddTrustKeyRequest, operator: OperatorReason) =>
    request(TrustKey, '/scanner/trust-keys', { method: 'POST', body, headers: operatorHeaders(operator) }),
  revokeTrustKey: (kid: string, operator: OperatorReason) =>
    request(TrustKey, `/scanner/trust-keys/${encodeURIComponent(kid)}/revoke`, { method: 'POST', headers: operatorHeaders(operator) }),
  siteKey: () => request(SiteKey, '/scanner/site-key'),
};
