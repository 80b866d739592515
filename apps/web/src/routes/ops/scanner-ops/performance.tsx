import { Button, Group, SegmentedControl, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { IconDownload, IconFlag } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { scannerAdminApi } from '../../../api/scanner-scans-api.ts';
import { usePerformance } from '../../../api/scanner-scans-queries.ts';
import { DetailSection } from '../../../components/DetailSection.tsx';
import { DisabledAction } from '../../../components/DisabledAction.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { PageFrame } from '../../../components/PageFrame.tsx';
import { saveFile } from '../../../components/save-file.ts';
import { AuditTrail } from '../../../features/audit/AuditTrail.tsx';
import { useMissingScope } from '../../../features/auth/use-session.ts';
import { PerfSeriesCard } from '../../../features/scanner-performance/PerfSeriesCard.tsx';
import { SetPerfBaselineDialog } from '../../../features/scanner-performance/SetPerfBaselineDialog.tsx';
import { DEFAULT_PERF_WINDOW, PERF_WINDOWS, PerfSearchSchema, windowQuery } from '../../../features/scanner-performance/perf-search.ts';

export const Route = createFileRoute('/ops/scanner-ops/performance')({
  validateSearch: PerfSearchSchema,
  staticData: { title: 'Performance', section: 'scannerOps' },
  component: PerformancePage,
});

function PerformancePage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const window = search.window ?? DEFAULT_PERF_WINDOW;
  const query = useMemo(() => windowQuery(window, Date.now()), [window]);
  const performance = usePerformance(query);
  const missingScope = useMissingScope('scanner:admin');
  const [setting, setSetting] = useState(false);
  const csv = useMutation({ mutationFn: () => scannerAdminApi.performanceCsv(query), onSuccess: saveFile });

  return (
    <PageFrame
      title="Performance"
      summary="Scan and per-analyzer durations against the performance baseline; a regression of 20 % or more is an alert."
      action={
        <Group gap="sm" wrap="nowrap">
          <Button variant="default" leftSection={<IconDownload size={16} />} loading={csv.isPending} onClick={() => csv.mutate()}>
            CSV
          </Button>
          {missingScope ? (
            <DisabledAction label="Set baseline" reason={missingScope} />
          ) : (
            <Button leftSection={<IconFlag size={16} />} onClick={() => setSetting(true)}>
              Set baseline
            </Button>
          )}
        </Group>
      }
    >
      {csv.error && <ErrorState title="The CSV could not be exported" error={csv.error} />}
      <Group>
        <SegmentedControl
          aria-label="Window"
          value={window}
          onChange={(value) => void navigate({ search: { window: PERF_WINDOWS.find((w) => w === value) } })}
          data={[
            { value: '1d', label: 'Last 24 h' },
            { value: '7d', label: 'Last 7 days' },
            { value: '30d', label: 'Last 30 days' },
          ]}
        />
      </Group>
      {performance.isPending && <Skeleton height={240} />}
      {performance.isError && <ErrorState title="Performance could not be loaded" error={performance.error} onRetry={() => void performance.refetch()} />}
      {performance.data && (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            {performance.data.series.map((series) => (
              <PerfSeriesCard key={series.metric} series={series} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
      <DetailSection title="Audit of performance baselines">
        <AuditTrail targetType="scanner_perf_baseline" targetLabel="performance baseline" />
      </DetailSection>
      {setting && <SetPerfBaselineDialog since={query.since} until={query.until} onClose={() => setSetting(false)} />}
    </PageFrame>
  );
}
