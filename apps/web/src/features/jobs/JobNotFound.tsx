import { canonicalRoutes } from '@execops/contract';
import { NotFoundState } from '../../components/NotFoundState.tsx';

export function JobNotFound({ jobId }: { jobId: string }) {
  return (
    <NotFoundState
      testId="job-not-found"
      title="Job not found"
      description={`No job ${jobId} in this tenant. Finished jobs are pruned after the retention window.`}
      backTo={canonicalRoutes.jobs}
      backLabel="Back to jobs"
    />
  );
}
