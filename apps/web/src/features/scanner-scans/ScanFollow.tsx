import { Anchor, Button, Group, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { isScanActive, useScan } from '../../api/scanner-scans-queries.ts';
import { Duration } from '../../components/Duration.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { ScanStateBadge, SeverityCountBadges } from './ScanBadges.tsx';
import { ScanProgress } from './ScanProgress.tsx';

/** A just-started scan, followed on its live events until it settles, then a link to its findings. */
export function ScanFollow({ scanId, onClose }: { scanId: string; onClose: () => void }) {
  const scan = useScan(scanId);
  if (scan.isPending) return <Skeleton height={80} />;
  if (scan.isError) return <ErrorState title="The scan could not be read" error={scan.error} onRetry={() => void scan.refetch()} />;
  const active = isScanActive(scan.data.state);
  return (
    <Stack gap="sm" data-testid="scan-follow">
      <Group gap="sm">
        <ScanStateBadge state={scan.data.state} />
        {active && <Loader size="xs" aria-label="following the scan" />}
        <Duration ms={scan.data.durationMs} />
      </Group>
      {active ? (
        <ScanProgress scan={scan.data} />
      ) : (
        <Group gap="sm">
          <Text size="sm">{scan.data.findings ?? 0} findings</Text>
          <SeverityCountBadges counts={scan.data.severities} />
        </Group>
      )}
      {scan.data.error && (
        <Text size="sm" c="red">
          {scan.data.error}
        </Text>
      )}
      <Group justify="space-between">
        <Anchor renderRoot={(props) => <Link to="/ops/scanner-ops/scans/$scanId" params={{ scanId }} {...props} />} data-testid="open-scan">
          {active ? 'Open the scan' : 'Open its findings'}
        </Anchor>
        <Button variant="default" onClick={onClose}>
          Close
        </Button>
      </Group>
    </Stack>
  );
}
