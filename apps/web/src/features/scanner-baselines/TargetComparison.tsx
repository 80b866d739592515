import { Group, Paper, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useScans } from '../../api/scanner-scans-queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatTimestamp } from '../../time/format-timestamp.ts';
import { useTimeZoneMode } from '../../time/time-zone-mode.ts';
import { ComparisonPanel } from '../scanner-scans/ComparisonPanel.tsx';
import { ScanActions } from '../scanner-scans/ScanActions.tsx';
import type { ChangeKind } from '../scanner-scans/scan-search.ts';

interface TargetComparisonProps {
  target: string;
  scanId: string | undefined;
  change: ChangeKind;
  onScan: (scanId: string | undefined) => void;
  onChange: (change: ChangeKind) => void;
}

/** One target: pick any of its scans, compare it with the baseline, promote it. */
export function TargetComparison({ target, scanId, change, onScan, onChange }: TargetComparisonProps) {
  const scans = useScans({ targetName: target });
  const [zone] = useTimeZoneMode();
  const items = scans.data?.items ?? [];
  const selected = items.find((scan) => scan.id === scanId) ?? items[0];
  return (
    <Paper withBorder p="md" data-testid="target-comparison">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {target}
        </Title>
        {scans.isPending && <Skeleton height={120} />}
        {scans.isError && <ErrorState title="Scans of the target could not be loaded" error={scans.error} onRetry={() => void scans.refetch()} />}
        {scans.data && !selected && (
          <Text size="sm" c="dimmed">
            No scan of {target}.
          </Text>
        )}
        {selected && (
          <>
            <Group justify="space-between" align="flex-end">
              <Select
                label="Scan compared with the baseline"
                aria-label="Scan compared with the baseline"
                value={selected.id}
                onChange={(value) => onScan(value ?? undefined)}
                allowDeselect={false}
                data={items.map((scan) => ({
                  value: scan.id,
                  label: `${formatTimestamp(scan.createdAt, zone)} · ${scan.state}${scan.isBaseline ? ' · baseline' : ''}`,
                }))}
                w={420}
              />
              <ScanActions scan={selected} />
            </Group>
            <ComparisonPanel scanId={selected.id} change={change} onChange={onChange} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
