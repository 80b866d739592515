import { SCANS_TOPIC, type PerfQuery, type ScannerSettingsInput, type ScanState, type SetPerfBaselineRequest } from '@execops/contract';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { OperatorReason } from '../features/operator/operator-reason.ts';
import { useLiveStatus, useRefetchOnEvents } from '../live/use-live-events.ts';
import { auditKeys } from './audit-api.ts';
import { scannerAdminApi, scannerScansApi, type ScanListQuery } from './scanner-scans-api.ts';

export const scannerScanKeys = {
  all: ['scanner-scans'] as const,
  list: (query: ScanListQuery) => ['scanner-scans', 'list', query] as const,
  detail: (scanId: string) => ['scanner-scans', 'detail', scanId] as const,
  /** Under the scan's key: one invalidation refreshes the scan and its timeline. */
  timeline: (scanId: string) => ['scanner-scans', 'detail', scanId, 'timeline'] as const,
  findings: (scanId: string) => ['scanner-scans', 'findings', scanId] as const,
  compare: (scanId: string, against?: string) => ['scanner-scans', 'compare', scanId, against ?? null] as const,
  baselines: ['scanner-scans', 'baselines'] as const,
};

export const scannerAdminKeys = {
  analyzers: ['scanner-analyzers'] as const,
  performance: (query: PerfQuery) => ['scanner-performance', query] as const,
  performanceAll: ['scanner-performance'] as const,
  settings: ['scanner-settings'] as const,
};

/** A scan still moving: it is followed on its live events (topic `scans:<id>`) until it settles. */
export const isScanActive = (state: ScanState) => state === 'queued' || state === 'running';

export const scanTopic = (scanId: string) => `${SCANS_TOPIC}:${scanId}`;
const LIVE_REFETCH_MS = 1_000;
/** Only while the event stream is reconnecting: a slow poll, so a dropped stream does not freeze the page. */
const FALLBACK_POLL_MS = 10_000;

/** The fallback poll interval for data still moving: none while the live stream is open. */
function useFallbackPoll(): (moving: boolean) => number | false {
  const reconnecting = useLiveStatus() === 'reconnecting';
  return (moving) => (reconnecting && moving ? FALLBACK_POLL_MS : false);
}

/** A list of scans, refetched (at most once a second) when any scan of the tenant changes. */
export function useScans(query: ScanListQuery) {
  useRefetchOnEvents(SCANS_TOPIC, scannerScanKeys.list(query), LIVE_REFETCH_MS);
  const fallback = useFallbackPoll();
  return useQuery({
    queryKey: scannerScanKeys.list(query),
    queryFn: () => scannerScansApi.list(query),
    refetchInterval: (q) => fallback(q.state.data?.items.some((scan) => isScanActive(scan.state)) ?? false),
  });
}

/** One scan with its timeline, refetched (at most once a second) when its events arrive. */
export function useScan(scanId: string) {
  useRefetchOnEvents(scanTopic(scanId), scannerScanKeys.detail(scanId), LIVE_REFETCH_MS);
  const fallback = useFallbackPoll();
  return useQuery({
    queryKey: scannerScanKeys.detail(scanId),
    queryFn: () => scannerScansApi.get(scanId),
    refetchInterval: (q) => fallback(q.state.data !== undefined && isScanActive(q.state.data.state)),
  });
}

/** The scan's events, oldest first; `useScan` refreshes it with the scan. */
export const useScanTimeline = (scanId: string) =>
  useQuery({ queryKey: scannerScanKeys.timeline(scanId), queryFn: () => scannerScansApi.timeline(scanId) });

/** Findings exist once the scan settled; `enabled` waits for that. */
export const useScanFindings = (scanId: string, enabled: boolean) =>
  useQuery({ queryKey: scannerScanKeys.findings(scanId), queryFn: () => scannerScansApi.findings(scanId), enabled });

export const useScanComparison = (scanId: string | undefined, against?: string) =>
  useQuery({
    queryKey: scannerScanKeys.compare(scanId ?? '', against),
    queryFn: () => scannerScansApi.compare(scanId ?? '', against),
    enabled: scanId !== undefined,
  });

export const useBaselines = () => useQuery({ queryKey: scannerScanKeys.baselines, queryFn: scannerScansApi.baselines });
export const useAnalyzers = () => useQuery({ queryKey: scannerAdminKeys.analyzers, queryFn: scannerAdminApi.analyzers });
export const usePerformance = (query: PerfQuery) =>
  useQuery({ queryKey: scannerAdminKeys.performance(query), queryFn: () => scannerAdminApi.performance(query) });
export const useScannerSettings = () => useQuery({ queryKey: scannerAdminKeys.settings, queryFn: scannerAdminApi.settings });

/** A change that the listed queries and every audit trail reflect afterwards. */
function useScannerChange<A, T>(invalidates: readonly QueryKey[], change: (args: A, operator: OperatorReason) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ args, operator }: { args: A; operator: OperatorReason }) => change(args, operator),
    onSuccess: () =>
      Promise.all([...invalidates, auditKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

export const useCancelScan = () =>
  useScannerChange([scannerScanKeys.all], (scanId: string, operator) => scannerScansApi.cancel(scanId, operator));
export const usePromoteBaseline = () =>
  useScannerChange([scannerScanKeys.all], (scanId: string, operator) => scannerScansApi.promote(scanId, operator));
export const useSetAnalyzerEnabled = () =>
  useScannerChange([scannerAdminKeys.analyzers, scannerAdminKeys.settings], ({ id, enabled }: { id: string; enabled: boolean }, operator) =>
    scannerAdminApi.setAnalyzerEnabled(id, enabled, operator),
  );
export const useRefreshAnalyzers = () =>
  useScannerChange([scannerAdminKeys.analyzers], (_: undefined, operator) => scannerAdminApi.refreshAnalyzers(operator));
export const useSetPerfBaseline = () =>
  useScannerChange([scannerAdminKeys.performanceAll], (body: SetPerfBaselineRequest, operator) => scannerAdminApi.setPerfBaseline(body, operator));
export const useSaveScannerSettings = () =>
  useScannerChange([scannerAdminKeys.settings, scannerAdminKeys.analyzers], (body: ScannerSettingsInput, operator) =>
    scannerAdminApi.saveSettings(body, operator),
  );

/** What the start dialog asks for: a path on the server, or an archive this browser uploads first. */
export type ScanStart = { kind: 'path'; path: string; targetName?: string } | { kind: 'upload'; file: File; targetName?: string };

async function startScan(start: ScanStart) {
  const targetName = start.targetName ? { targetName: start.targetName } : {};
  if (start.kind === 'path') return scannerScansApi.start({ target: { kind: 'path', path: start.path }, ...targetName });
  const upload = await scannerScansApi.upload(start.file);
  return scannerScansApi.start({ target: { kind: 'upload', uploadId: upload.id }, targetName: start.targetName ?? start.file.name });
}

/** Starting a scan needs scanner:admin but no operator reason (like enqueuing a job). */
export function useStartScan() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: startScan, onSuccess: () => queryClient.invalidateQueries({ queryKey: scannerScanKeys.all }) });
}
