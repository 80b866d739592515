import { SEVERITIES, type AnalyzerRunOutcome, type ScanState, type Severity, type SeverityCounts } from '@execops/contract';
import { Badge, Group, Text } from '@mantine/core';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { ANALYZER_OUTCOME_STYLES, SCAN_STATE_STYLES, SEVERITY_STYLES } from './scan-styles.ts';

export function ScanStateBadge({ state }: { state: ScanState }) {
  return <StatusBadge status={state} styles={SCAN_STATE_STYLES} testId="scan-state" />;
}

export function AnalyzerOutcomeBadge({ outcome }: { outcome: AnalyzerRunOutcome }) {
  return <StatusBadge status={outcome} styles={ANALYZER_OUTCOME_STYLES} testId="analyzer-outcome" />;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <StatusBadge status={severity} styles={SEVERITY_STYLES} testId="finding-severity" />;
}

/** Findings by severity, most severe first; only the severities that occur. */
export function SeverityCountBadges({ counts }: { counts: SeverityCounts | null }) {
  if (counts === null) return <Text size="sm">—</Text>;
  const present = SEVERITIES.filter((severity) => counts[severity] > 0);
  if (present.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="severity-counts">
        no findings
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" data-testid="severity-counts">
      {present.map((severity) => (
        <Badge key={severity} color={SEVERITY_STYLES[severity].color} variant="light" tt="none" data-testid={`severity-count-${severity}`}>
          {counts[severity]} {severity}
        </Badge>
      ))}
    </Group>
  );
}
