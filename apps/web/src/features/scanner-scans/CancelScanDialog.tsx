import type { ScanSummary } from '@execops/contract';
import { Text } from '@mantine/core';
import { useCancelScan } from '../../api/scanner-scans-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

/** Stop a queued or running scan: its unfinished pipeline jobs are canceled and it gets no report. */
export function CancelScanDialog({ scan, onClose }: { scan: ScanSummary; onClose: () => void }) {
  const cancel = useCancelScan();
  return (
    <OperatorActionDialog
      title={`Cancel scan of ${scan.targetName}`}
      opened
      onClose={onClose}
      confirmLabel="Cancel scan"
      dismissLabel="Keep scanning"
      color="red"
      onConfirm={(operator) => cancel.mutateAsync({ args: scan.id, operator })}
    >
      <Text size="sm">
        The scan is {scan.state}: its unfinished pipeline jobs are canceled (a running one is asked to stop) and it ends canceled, without
        findings or a report.
      </Text>
    </OperatorActionDialog>
  );
}
