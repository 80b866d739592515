import { canonicalRoutes } from '@execops/contract';
import { IconFileUnknown } from '@tabler/icons-react';
import { LinkEmptyState } from '../../components/LinkEmptyState.tsx';

export function JobNotFound({ jobId }: { jobId: string }) {
  return (
    <LinkEmptyState
      testId="job-not-found"
      icon={<IconFileUnknown />}
      title="Job not found"
      description={`No job ${jobId} in this tenant. Finished jobs are pruned after the retention window.`}
      to={canonicalRoutes.jobs}
      linkLabel="Back to jobs"
    />
  );
}
