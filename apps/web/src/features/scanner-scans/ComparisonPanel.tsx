import { describeNotCompared } from '@execops/contract';
import { Alert, List, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { useScanComparison } from '../../api/scanner-scans-queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { FindingsTable } from './FindingsTable.tsx';
import { CHANGE_KINDS, type ChangeKind } from './scan-search.ts';

const CHANGE_LABELS: Record<ChangeKind, string> = { new: 'New', fixed: 'Fixed', unchanged: 'Unchanged' };
const EMPTY_TEXT: Record<ChangeKind, string> = {
  new: 'No finding is new against the baseline.',
  fixed: 'No finding of the baseline is fixed.',
  unchanged: 'No finding is in both scans.',
};

interface ComparisonPanelProps {
  scanId: string;
  change: ChangeKind;
  onChange: (next: ChangeKind) => void;
}

/** The scan against its target's baseline: new, fixed and unchanged findings (one list at a time, named in the URL). */
export function ComparisonPanel({ scanId, change, onChange }: ComparisonPanelProps) {
  const comparison = useScanComparison(scanId);
  if (comparison.isPending) return <Skeleton height={160} />;
  if (comparison.isError) {
    return <ErrorState title="The comparison could not be loaded" error={comparison.error} onRetry={() => void comparison.refetch()} />;
  }
  const { counts, baselineScanId, notCompared } = comparison.data;
  const shown = comparison.data[change];
  return (
    <Stack gap="sm" data-testid="comparison">
      {baselineScanId === null ? (
        <Alert color="blue" variant="light" title="This target has no baseline">
          Every finding counts as new until a scan of {comparison.data.targetName} is promoted to baseline.
        </Alert>
      ) : baselineScanId === scanId ? (
        <Text size="sm" c="dimmed">
          This scan is the baseline of its target.
        </Text>
      ) : null}
      {notCompared.length > 0 && (
        <Alert color="yellow" variant="light" title="Some findings are not compared" data-testid="comparison-not-compared">
          <Text size="sm">Only findings of analyzers that ran in both scans count as new, fixed or unchanged.</Text>
          <List size="sm" mt={4}>
            {notCompared.map((skipped) => (
              <List.Item key={`${skipped.from}:${skipped.analyzer}`}>{describeNotCompared(skipped)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <SegmentedControl
        value={change}
        onChange={(value) => onChange(CHANGE_KINDS.find((kind) => kind === value) ?? 'new')}
        data={CHANGE_KINDS.map((kind) => ({ value: kind, label: `${CHANGE_LABELS[kind]} (${counts[kind]})` }))}
        data-testid="comparison-kinds"
      />
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="comparison-empty">
          {EMPTY_TEXT[change]}
        </Text>
      ) : (
        <FindingsTable findings={shown} testId={`comparison-${change}`} />
      )}
    </Stack>
  );
}
