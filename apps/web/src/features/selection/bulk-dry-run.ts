import type { UseQueryResult } from '@tanstack/react-query';
import type { DryRunCount } from './BulkDryRunPreview.tsx';

/** Why a bulk confirmation cannot run yet: the dry run is still counting, it failed, or it matched nothing. */
export function dryRunBlocker(dryRun: UseQueryResult<DryRunCount>, counted: string, nothingToDo: string): string | undefined {
  if (dryRun.isPending) return `Counting the ${counted}…`;
  if (dryRun.isError) return 'The count failed; retry it first.';
  return dryRun.data.matched === 0 ? nothingToDo : undefined;
}
