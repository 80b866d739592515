import { Anchor, Button, EmptyState, Group, SimpleGrid, Skeleton, Stack, Title } from '@mantine/core';
import { IconRadar, IconScan } from '@tabler/icons-react';
import { createFileRoute, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useScans } from '../../../api/scanner-scans-queries.ts';
import { DisabledAction } from '../../../components/DisabledAction.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { PageFrame } from '../../../components/PageFrame.tsx';
import { useMissingScope } from '../../../features/auth/use-session.ts';
import { AnalyzerHealthSummary } from '../../../features/scanner-analyzers/AnalyzerHealthSummary.tsx';
import { ActiveFeedCard } from '../../../features/scanner-kits/ActiveFeedCard.tsx';
import { RegressionList } from '../../../features/scanner-performance/RegressionList.tsx';
import { RecentScansTable } from '../../../features/scanner-scans/RecentScansTable.tsx';
import { StartScanDialog } from '../../../features/scanner-scans/StartScanDialog.tsx';

export const Route = createFileRoute('/ops/scanner-ops/')({
  staticData: { title: 'Scanner Ops', section: 'scannerOps' },
  component: ScannerOpsPage,
});

const RECENT_SCANS = 20;

function ScannerOpsPage() {
  const [starting, setStarting] = useState(false);
  const missingScope = useMissingScope('scanner:admin');
  return (
    <PageFrame
      title="Scanner Ops"
      summary="The active vulnerability feed, analyzer health, recent scans and performance regressions."
      action={
        missingScope ? (
          <DisabledAction label="Start scan" reason={missingScope} />
        ) : (
          <Button leftSection={<IconScan size={16} />} onClick={() => setStarting(true)}>
            Start scan
          </Button>
        )
      }
    >
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <ActiveFeedCard />
        <AnalyzerHealthSummary />
        <RegressionList />
      </SimpleGrid>
      <RecentScans />
      {starting && <StartScanDialog onClose={() => setStarting(false)} />}
    </PageFrame>
  );
}

function RecentScans() {
  const scans = useScans({ limit: RECENT_SCANS });
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} fz="h4">
          Recent scans
        </Title>
        <Anchor renderRoot={(props) => <Link to="/ops/scanner-ops/baselines" {...props} />} size="sm">
          Baselines
        </Anchor>
      </Group>
      {scans.isPending && <Skeleton height={160} />}
      {scans.isError && <ErrorState title="Scans could not be loaded" error={scans.error} onRetry={() => void scans.refetch()} />}
      {scans.data &&
        (scans.data.items.length === 0 ? (
          <EmptyState
            data-testid="scans-empty"
            icon={<IconRadar />}
            withIndicatorBackground
            title="No scan yet"
            description="Start a scan of a directory or archive; its findings, SBOM and comparison with the baseline appear here."
          />
        ) : (
          <RecentScansTable scans={scans.data.items} />
        ))}
    </Stack>
  );
}
