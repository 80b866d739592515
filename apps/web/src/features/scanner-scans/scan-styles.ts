import type { AnalyzerRunOutcome, ScanState, Severity } from '@execops/contract';
import {
  IconAlertOctagon,
  IconAlertTriangle,
  IconBan,
  IconCircleCheck,
  IconCircleDashed,
  IconCircleX,
  IconClock,
  IconInfoCircle,
  IconLoader2,
  IconQuestionMark,
} from '@tabler/icons-react';
import type { StatusStyleTable } from '../../components/StatusBadge.tsx';

export const SCAN_STATE_STYLES: StatusStyleTable<ScanState> = {
  queued: { color: 'gray', icon: IconClock },
  running: { color: 'blue', icon: IconLoader2 },
  succeeded: { color: 'green', icon: IconCircleCheck },
  partial: { color: 'orange', icon: IconAlertTriangle, meaning: 'report written, but an analyzer failed' },
  failed: { color: 'red', icon: IconCircleX, meaning: 'resolving, matching or the report failed' },
  canceled: { color: 'gray', icon: IconBan },
};

export const SEVERITY_STYLES: StatusStyleTable<Severity> = {
  critical: { color: 'red', icon: IconAlertOctagon },
  high: { color: 'orange', icon: IconAlertTriangle },
  medium: { color: 'yellow', icon: IconAlertTriangle },
  low: { color: 'blue', icon: IconInfoCircle },
  none: { color: 'gray', icon: IconCircleDashed },
  unknown: { color: 'gray', icon: IconQuestionMark, meaning: 'the advisory gave no severity' },
};

export const ANALYZER_OUTCOME_STYLES: StatusStyleTable<AnalyzerRunOutcome> = {
  ok: { color: 'green', icon: IconCircleCheck },
  error: { color: 'red', icon: IconCircleX },
  skipped: { color: 'gray', icon: IconCircleDashed, meaning: 'nothing the analyzer reads was in the target' },
  canceled: { color: 'gray', icon: IconBan, meaning: 'its scan was canceled (not counted in the analyzer’s health)' },
};
