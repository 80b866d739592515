import { canonicalRoutes } from '@execops/contract';
import { Button, EmptyState } from '@mantine/core';
import { IconFileUnknown } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';

export function JobNotFound({ jobId }: { jobId: string }) {
  return (
    <EmptyState
      data-testid="job-not-found"
      icon={<IconFileUnknown />}
      withIndicatorBackground
      title="Job not found"
      description={`No job ${jobId} in this tenant. Finished jobs are pruned after the retention window.`}
    >
      <EmptyState.Actions>
        <Button variant="light" renderRoot={(props) => <Link to={canonicalRoutes.jobs} {...props} />}>
          Back to jobs
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
