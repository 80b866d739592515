import type { ReplayJobResponse } from '@execops/contract';
import { Button, Group, Skeleton, Text } from '@mantine/core';
import { IconArrowLeft, IconRefresh } from '@tabler/icons-react';
import { createFileRoute, Link } from '@tanstack/react-router';
import { useEffect, useMemo, type ReactNode } from 'react';
import { ApiError } from '../../../../../../api/client.ts';
import { dagKeys, useJobDag } from '../../../../../../api/dag-queries.ts';
import { ErrorState } from '../../../../../../components/ErrorState.tsx';
import { LiveBadge } from '../../../../../../components/LiveBadge.tsx';
import { PageFrame } from '../../../../../../components/PageFrame.tsx';
import { Timestamp } from '../../../../../../components/Timestamp.tsx';
import { prepareDagLayout } from '../../../../../../features/dag/dag-layout-client.ts';
import { DagSearchSchema } from '../../../../../../features/dag/dag-search.ts';
import { JobDagView } from '../../../../../../features/dag/JobDagView.tsx';
import { JobNotFound } from '../../../../../../features/jobs/JobNotFound.tsx';
import { useRefetchOnEvents } from '../../../../../../live/use-live-events.ts';
import { refreshShortcut, usePageShortcuts } from '../../../../../../shell/shortcuts.ts';

export const Route = createFileRoute('/ops/operations/jobengine/jobs/$jobId/dag')({
  validateSearch: DagSearchSchema,
  staticData: { title: 'Job DAG', section: 'jobEngine' },
  component: JobDagPage,
});

const LIVE_REFETCH_MS = 1_000;

function JobDagPage() {
  const { jobId } = Route.useParams();
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const dag = useJobDag(jobId);
  useEffect(prepareDagLayout, []);
  const ids = useMemo(() => new Set(dag.data?.nodes.map((node) => node.id)), [dag.data]);
  useRefetchOnEvents('jobs', dagKeys.detail(jobId), LIVE_REFETCH_MS, (event) => ids.has(event.subjectId));
  usePageShortcuts([refreshShortcut(() => void dag.refetch())]);

  const select = (node: string | undefined) => void navigate({ search: (prev) => ({ ...prev, node }) });
  const toggleCritical = (on: boolean) => void navigate({ search: (prev) => ({ ...prev, critical: on ? '1' : undefined }) });
  // A replay of the job the graph is centred on leaves that job outside its own graph: follow the new job.
  const followReplay = ({ job, replayOf }: ReplayJobResponse) =>
    void navigate(
      replayOf === jobId
        ? { to: '/ops/operations/jobengine/jobs/$jobId/dag', params: { jobId: job.id }, search: (prev) => ({ ...prev, node: job.id }) }
        : { search: (prev) => ({ ...prev, node: job.id }) },
    );

  const toolbar = (
    <Group gap="sm">
      {dag.dataUpdatedAt > 0 && (
        <Text size="xs" c="dimmed">
          Updated <Timestamp iso={new Date(dag.dataUpdatedAt).toISOString()} />
        </Text>
      )}
      <Button variant="subtle" size="xs" leftSection={<IconRefresh size={14} />} onClick={() => void dag.refetch()} loading={dag.isFetching}>
        Refresh
      </Button>
      <LiveBadge />
    </Group>
  );

  let body: ReactNode;
  if (dag.isPending) body = <Skeleton height={480} data-testid="dag-loading" />;
  else if (dag.error instanceof ApiError && dag.error.isNotFound) body = <JobNotFound jobId={jobId} />;
  else if (dag.isError && !dag.data) body = <ErrorState title="The graph could not be loaded" error={dag.error} onRetry={() => void dag.refetch()} />;
  else if (dag.data) {
    body = (
      <>
        {dag.isError && <ErrorState title="Refreshing failed; showing the last graph that loaded" error={dag.error} onRetry={() => void dag.refetch()} />}
        <JobDagView dag={dag.data} search={search} onSelect={select} onToggleCritical={toggleCritical} onReplayed={followReplay} toolbar={toolbar} />
      </>
    );
  }

  const root = dag.data?.nodes.find((node) => node.id === dag.data?.rootId);
  return (
    <PageFrame
      title="Job DAG"
      summary={root ? `The graph around ${root.jobType} ${root.id}: its ancestors and descendants.` : `The graph around job ${jobId}.`}
      action={
        <Button
          variant="light"
          leftSection={<IconArrowLeft size={16} />}
          renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs/$jobId" params={{ jobId }} {...props} />}
        >
          Back to the job
        </Button>
      }
    >
      {body}
    </PageFrame>
  );
}
