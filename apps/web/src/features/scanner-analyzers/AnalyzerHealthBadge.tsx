import type { AnalyzerEntry } from '@execops/contract';
import { IconCircleCheck, IconCircleDashed, IconCircleOff, IconCircleX } from '@tabler/icons-react';
import { StatusBadge, type StatusStyleTable } from '../../components/StatusBadge.tsx';
import { isUnhealthy } from './analyzer-health.ts';

type AnalyzerStatus = 'healthy' | 'failing' | 'idle' | 'disabled';

const STYLES: StatusStyleTable<AnalyzerStatus> = {
  healthy: { color: 'green', icon: IconCircleCheck },
  failing: { color: 'red', icon: IconCircleX, meaning: 'its last run or self-check failed' },
  idle: { color: 'gray', icon: IconCircleDashed, meaning: 'no run yet in the health window' },
  disabled: { color: 'gray', icon: IconCircleOff },
};

function statusOf(analyzer: AnalyzerEntry): AnalyzerStatus {
  if (!analyzer.enabled) return 'disabled';
  if (isUnhealthy(analyzer)) return 'failing';
  return analyzer.health.runs === 0 && analyzer.probe === null ? 'idle' : 'healthy';
}

export function AnalyzerHealthBadge({ analyzer }: { analyzer: AnalyzerEntry }) {
  return <StatusBadge status={statusOf(analyzer)} styles={STYLES} testId="analyzer-health" />;
}
