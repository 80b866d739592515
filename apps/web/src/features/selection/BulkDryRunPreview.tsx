import { Alert, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from '../../components/ErrorState.tsx';

export interface DryRunCount {
  matched: number;
}

interface BulkDryRunPreviewProps<D extends DryRunCount> {
  dryRun: UseQueryResult<D>;
  /** What is counted: "selected jobs", "open entries". */
  counted: string;
  summary: (data: D) => ReactNode;
}

/** The dry-run count at the top of a bulk confirmation: counting, failed (with Retry), or what the action would do. */
export function BulkDryRunPreview<D extends DryRunCount>({ dryRun, counted, summary }: BulkDryRunPreviewProps<D>) {
  return (
    <>
      {dryRun.isPending && (
        <Text size="sm" c="dimmed">
          <Loader size="xs" mr="xs" />
          Counting the {counted} (dry run)…
        </Text>
      )}
      {dryRun.isError && <ErrorState title="The dry run failed" error={dryRun.error} onRetry={() => void dryRun.refetch()} />}
      {dryRun.data && (
        <Alert variant="light" color={dryRun.data.matched === 0 ? 'yellow' : 'blue'} data-testid="bulk-dry-run">
          {summary(dryRun.data)}
        </Alert>
      )}
    </>
  );
}
