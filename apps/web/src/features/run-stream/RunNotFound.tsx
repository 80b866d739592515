import { canonicalRoutes } from '@execops/contract';
import { IconFileUnknown } from '@tabler/icons-react';
import { LinkEmptyState } from '../../components/LinkEmptyState.tsx';

export function RunNotFound({ runId }: { runId: string }) {
  return (
    <LinkEmptyState
      testId="run-not-found"
      icon={<IconFileUnknown />}
      title="Run not found"
      description={`No run ${runId} in this tenant. Check the link, or find the run in the list of runs.`}
      to={canonicalRoutes.runs}
      linkLabel="Back to runs"
    />
  );
}
