import type { ScanDetail } from '@execops/contract';
import { Skeleton, Stack, Tabs } from '@mantine/core';
import { createFileRoute } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ApiError } from '../../../../api/client.ts';
import { isScanActive, useScan } from '../../../../api/scanner-scans-queries.ts';
import { DetailTabs } from '../../../../components/DetailTabs.tsx';
import { ErrorState } from '../../../../components/ErrorState.tsx';
import { PageFrame } from '../../../../components/PageFrame.tsx';
import { StaleDataAlert } from '../../../../components/StaleDataAlert.tsx';
import { AnalyzerRunsTable } from '../../../../features/scanner-scans/AnalyzerRunsTable.tsx';
import { ComparisonPanel } from '../../../../features/scanner-scans/ComparisonPanel.tsx';
import { ScanActions } from '../../../../features/scanner-scans/ScanActions.tsx';
import { ScanFindingsPanel } from '../../../../features/scanner-scans/ScanFindingsPanel.tsx';
import { ScanHeader } from '../../../../features/scanner-scans/ScanHeader.tsx';
import { ScanStageTimeline } from '../../../../features/scanner-scans/ScanStageTimeline.tsx';
import { ScanSearchSchema, selectedSeverities, SCAN_TABS, type ScanTab } from '../../../../features/scanner-scans/scan-search.ts';

export const Route = createFileRoute('/ops/scanner-ops/scans/$scanId')({
  validateSearch: ScanSearchSchema,
  staticData: { title: 'Scan', section: 'scannerOps' },
  component: ScanPage,
});

function ScanPage() {
  const { scanId } = Route.useParams();
  const scan = useScan(scanId);
  const notFound = scan.error instanceof ApiError && scan.error.isNotFound;

  let body: ReactNode;
  if (scan.isPending) body = <Skeleton height={320} data-testid="scan-loading" />;
  else if (scan.isError && !scan.data) {
    body = <ErrorState title={notFound ? 'No such scan' : 'The scan could not be loaded'} error={scan.error} onRetry={notFound ? undefined : () => void scan.refetch()} />;
  } else if (scan.data) {
    body = (
      <Stack gap="md">
        {scan.isError && <StaleDataAlert title="Showing the scan as it last loaded" error={scan.error} />}
        <ScanHeader scan={scan.data} />
        <ScanTabs scan={scan.data} />
      </Stack>
    );
  }
  const summary = scan.data ? `${scan.data.targetName} · ${scan.data.id}` : `Scan ${scanId}`;
  return (
    <PageFrame title="Scan" summary={summary} action={scan.data && <ScanActions scan={scan.data} />}>
      {body}
    </PageFrame>
  );
}

const isScanTab = (value: string | null): value is ScanTab => SCAN_TABS.some((tab) => tab === value);

function ScanTabs({ scan }: { scan: ScanDetail }) {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const tab = search.tab ?? 'findings';
  const settled = !isScanActive(scan.state);
  const labels: Record<ScanTab, string> = {
    findings: scan.findings === null ? 'Findings' : `Findings (${scan.findings})`,
    compare: 'Compare with baseline',
    analyzers: `Analyzers (${scan.analyzers.length})`,
    timeline: 'Timeline',
  };
  const showTab = (next: string | null) => {
    if (isScanTab(next)) void navigate({ search: (prev) => ({ ...prev, tab: next === 'findings' ? undefined : next }) });
  };
  return (
    <DetailTabs value={tab} labels={labels} onChange={showTab}>
      <Tabs.Panel value="findings">
        <ScanFindingsPanel
          scanId={scan.id}
          settled={settled}
          severities={selectedSeverities(search)}
          onSeverities={(next) => void navigate({ search: (prev) => ({ ...prev, severity: next.join(',') || undefined }), replace: true })}
        />
      </Tabs.Panel>
      <Tabs.Panel value="compare">
        {settled ? (
          <ComparisonPanel
            scanId={scan.id}
            change={search.change ?? 'new'}
            onChange={(next) => void navigate({ search: (prev) => ({ ...prev, change: next === 'new' ? undefined : next }), replace: true })}
          />
        ) : (
          <Skeleton height={120} />
        )}
      </Tabs.Panel>
      <Tabs.Panel value="analyzers">
        <AnalyzerRunsTable runs={scan.analyzers} />
      </Tabs.Panel>
      <Tabs.Panel value="timeline">
        <ScanStageTimeline scanId={scan.id} />
      </Tabs.Panel>
    </DetailTabs>
  );
}
