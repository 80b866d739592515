import type { ScanDetail } from '@execops/contract';
import { Text } from '@mantine/core';

/** Where a moving scan is in its pipeline, read from the scan as its events last refreshed it. */
function stage(scan: ScanDetail, analyzersDone: number): string {
  if (scan.state === 'queued') return 'waiting for a worker';
  if (scan.targetBytes === null) return 'resolving the target';
  if (analyzersDone < scan.analyzers.length) return 'running analyzers';
  if (scan.components === null) return 'matching against the feed';
  return 'writing the report';
}

/** "running analyzers · analyzers 3/6" while the scan moves. */
export function ScanProgress({ scan }: { scan: ScanDetail }) {
  const done = scan.analyzers.filter((run) => run.outcome !== null).length;
  return (
    <Text size="sm" c="dimmed" data-testid="scan-progress">
      {stage(scan, done)} · analyzers {done}/{scan.analyzers.length}
    </Text>
  );
}
