import type { AnalyzerEntry } from '@execops/contract';
import { Text } from '@mantine/core';
import { useRefreshAnalyzers, useSetAnalyzerEnabled } from '../../api/scanner-scans-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

/** Enable or disable one analyzer for the scans started from now on. */
export function ToggleAnalyzerDialog({ analyzer, onClose }: { analyzer: AnalyzerEntry; onClose: () => void }) {
  const setEnabled = useSetAnalyzerEnabled();
  const enable = !analyzer.enabled;
  const verb = enable ? 'Enable' : 'Disable';
  return (
    <OperatorActionDialog
      title={`${verb} analyzer ${analyzer.id}`}
      opened
      onClose={onClose}
      confirmLabel={`${verb} analyzer`}
      color={enable ? 'blue' : 'orange'}
      onConfirm={(operator) => setEnabled.mutateAsync({ args: { id: analyzer.id, enabled: enable }, operator })}
    >
      <Text size="sm">
        {enable
          ? `Scans started from now on run ${analyzer.id} and report what it finds (${analyzer.ecosystem}).`
          : `Scans started from now on skip ${analyzer.id}: ${analyzer.ecosystem} components are no longer found.`}
      </Text>
    </OperatorActionDialog>
  );
}

/** Run every analyzer's self-check on its built-in sample again. */
export function RefreshAnalyzersDialog({ onClose }: { onClose: () => void }) {
  const refresh = useRefreshAnalyzers();
  return (
    <OperatorActionDialog
      title="Refresh analyzers"
      opened
      onClose={onClose}
      confirmLabel="Run self-checks"
      onConfirm={(operator) => refresh.mutateAsync({ args: undefined, operator })}
    >
      <Text size="sm">Every analyzer reads its built-in sample again; the result shows as its self-check.</Text>
    </OperatorActionDialog>
  );
}
