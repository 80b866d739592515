import type { AreaStatus } from '@execops/contract';
import { IconAlertTriangle, IconCircleX, IconInfoCircle } from '@tabler/icons-react';
import { StatusBadge, type StatusStyleTable } from '../../components/StatusBadge.tsx';

export const AREA_STATUS_STYLE: StatusStyleTable<AreaStatus> = {
  BLOCKING: { color: 'red', icon: IconCircleX },
  DEGRADED: { color: 'orange', icon: IconAlertTriangle },
  INFO: { color: 'blue', icon: IconInfoCircle },
};

export function AreaStatusBadge({ status, testId = 'area-status' }: { status: AreaStatus; testId?: string }) {
  return <StatusBadge status={status} styles={AREA_STATUS_STYLE} testId={testId} />;
}
