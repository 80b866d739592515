import {
  AnalyzerEntry,
  AnalyzerList,
  Baseline,
  BaselineList,
  CancelScanResponse,
  CompareResult,
  PerfBaselineList,
  PerfReport,
  RefreshAnalyzersResponse,
  ScanDetail,
  ScanFindingList,
  ScanList,
  ScannerSettings,
  ScanTimeline,
  ScanUpload,
  StartScanResponse,
  type ListScansQuery,
  type PerfQuery,
  type ScannerSettingsInput,
  type SetPerfBaselineRequest,
  type StartScanRequest,
} from '@execops/contract';
import { operatorHeaders, type OperatorReason } from '../features/operator/operator-reason.ts';
import { downloadFile, request, toQueryString, type DownloadedFile } from './client.ts';

export type ScanListQuery = Partial<ListScansQuery>;

const scanPath = (scanId: string) => `/scanner/scans/${encodeURIComponent(scanId)}`;
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** Scans and baselines belong to the console's tenant. */
export const scannerScansApi = {
  list: (query: ScanListQuery) => request(ScanList, `/scanner/scans${toQueryString(query)}`),
  get: (scanId: string) => request(ScanDetail, scanPath(scanId)),
  timeline: (scanId: string) => request(ScanTimeline, `${scanPath(scanId)}/events`),
  findings: (scanId: string) => request(ScanFindingList, `${scanPath(scanId)}/findings`),
  sbom: (scanId: string): Promise<DownloadedFile> => downloadFile(`${scanPath(scanId)}/sbom`, `sbom-${scanId}.cdx.json`),
  compare: (scanId: string, against?: string) => request(CompareResult, `${scanPath(scanId)}/compare${toQueryString({ against })}`),
  upload: (file: File) => request(ScanUpload, `/scanner/uploads${toQueryString({ fileName: file.name })}`, { method: 'POST', file }),
  start: (body: StartScanRequest) => request(StartScanResponse, '/scanner/scans', { method: 'POST', body }),
  cancel: (scanId: string, operator: OperatorReason) =>
    request(CancelScanResponse, `${scanPath(scanId)}/cancel`, { method: 'POST', headers: operatorHeaders(operator) }),
  baselines: () => request(BaselineList, '/scanner/baselines'),
  promote: (scanId: string, operator: OperatorReason) =>
    request(Baseline, '/scanner/baselines', { method: 'POST', body: { scanId }, headers: operatorHeaders(operator) }),
};

/** The analyzer registry, performance series and settings: site-wide. */
export const scannerAdminApi = {
  analyzers: () => request(AnalyzerList, '/scanner/analyzers'),
  setAnalyzerEnabled: (id: string, enabled: boolean, operator: OperatorReason) =>
    request(AnalyzerEntry, `/scanner/analyzers/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`, {
      method: 'POST',
      headers: operatorHeaders(operator),
    }),
  refreshAnalyzers: (operator: OperatorReason) =>
    request(RefreshAnalyzersResponse, '/scanner/analyzers/refresh', { method: 'POST', headers: operatorHeaders(operator) }),
  performance: (query: PerfQuery) => request(PerfReport, `/scanner/performance${toQueryString(query)}`),
  setPerfBaseline: (body: SetPerfBaselineRequest, operator: OperatorReason) =>
    request(PerfBaselineList, '/scanner/performance/baselines', { method: 'POST', body, headers: operatorHeaders(operator) }),
  performanceCsv: (query: PerfQuery): Promise<DownloadedFile> =>
    downloadFile(`/scanner/performance/export${toQueryString(query)}`, `scanner-performance-${stamp()}.csv`),
  settings: () => request(ScannerSettings, '/scanner/settings'),
  saveSettings: (body: ScannerSettingsInput, operator: OperatorReason) =>
    request(ScannerSettings, '/scanner/settings', { method: 'PUT', body, headers: operatorHeaders(operator) }),
};
