import { IconShieldCheck } from '@tabler/icons-react';
import type { Severity } from '@execops/contract';
import { Skeleton, Stack } from '@mantine/core';
import { useScanFindings } from '../../api/scanner-scans-queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { ListEmptyState } from '../../components/ListEmptyState.tsx';
import { FindingsTable } from './FindingsTable.tsx';
import { SeverityFilter } from './SeverityFilter.tsx';

interface ScanFindingsPanelProps {
  scanId: string;
  settled: boolean;
  severities: readonly Severity[];
  onSeverities: (next: Severity[]) => void;
}

/** The scan's findings, filtered by the severities in the URL. */
export function ScanFindingsPanel({ scanId, settled, severities, onSeverities }: ScanFindingsPanelProps) {
  const findings = useScanFindings(scanId, settled);
  const filtered = severities.length > 0;
  const shown = (findings.data?.items ?? []).filter((finding) => !filtered || severities.includes(finding.severity));
  return (
    <Stack gap="sm">
      <SeverityFilter selected={severities} onChange={onSeverities} />
      {!settled && <Skeleton height={120} data-testid="findings-waiting" />}
      {settled && findings.isPending && <Skeleton height={120} />}
      {findings.isError && <ErrorState title="Findings could not be loaded" error={findings.error} onRetry={() => void findings.refetch()} />}
      {findings.data &&
        (shown.length === 0 ? (
          <ListEmptyState
            testId="findings-empty"
            icon={<IconShieldCheck />}
            empty={{ title: 'No findings', description: 'No component of this target matched an advisory of the feed.' }}
            noMatch={{ title: 'No finding of these severities', description: 'Other severities have findings.' }}
            filtered={filtered && findings.data.items.length > 0}
            onClearFilters={() => onSeverities([])}
          />
        ) : (
          <FindingsTable findings={shown} />
        ))}
    </Stack>
  );
}
