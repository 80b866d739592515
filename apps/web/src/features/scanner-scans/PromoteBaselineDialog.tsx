import type { ScanSummary } from '@execops/contract';
import { Text } from '@mantine/core';
import { usePromoteBaseline } from '../../api/scanner-scans-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

/** Make a finished scan the baseline its target's later scans are compared with. */
export function PromoteBaselineDialog({ scan, onClose }: { scan: ScanSummary; onClose: () => void }) {
  const promote = usePromoteBaseline();
  return (
    <OperatorActionDialog
      title={`Promote to baseline: ${scan.targetName}`}
      opened
      onClose={onClose}
      confirmLabel="Promote to baseline"
      onConfirm={(operator) => promote.mutateAsync({ args: scan.id, operator })}
    >
      <Text size="sm">
        This scan ({scan.findings ?? 0} findings) becomes the baseline of {scan.targetName}; later scans of the target show their new,
        fixed and unchanged findings against it.
      </Text>
    </OperatorActionDialog>
  );
}
