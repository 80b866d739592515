import { Button } from '@mantine/core';
import { createFileRoute, Link } from '@tanstack/react-router';
import { DisabledAction } from '../../../../../../components/DisabledAction.tsx';
import { NotAvailableYet } from '../../../../../../components/NotAvailableYet.tsx';
import { PageFrame } from '../../../../../../components/PageFrame.tsx';

const NOTICE = 'The DAG view arrives with pipelines in the job engine; no graph is drawn until then.';

export const Route = createFileRoute('/ops/operations/jobengine/jobs/$jobId/dag')({
  staticData: { title: 'Job DAG', section: 'jobEngine' },
  component: JobDagPage,
});

function JobDagPage() {
  const { jobId } = Route.useParams();
  return (
    <PageFrame
      title="Job DAG"
      summary={`The graph around job ${jobId}: ancestors, descendants, states and the critical path.`}
      action={<DisabledAction label="Replay with downstream" reason={NOTICE} />}
    >
      <NotAvailableYet message={NOTICE}>
        <Button
          variant="light"
          renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs/$jobId" params={{ jobId }} {...props} />}
        >
          Back to the job
        </Button>
      </NotAvailableYet>
    </PageFrame>
  );
}
