import type { JobDag, ReplayJobResponse } from '@execops/contract';
import { Alert, Group, Loader, Paper, Stack, Switch, Text } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useMemo, type ReactNode } from 'react';
import { ErrorState } from '../../components/ErrorState.tsx';
import { DagCanvas } from './DagCanvas.tsx';
import { dagTopology } from './dag-graph.ts';
import type { DagSearch } from './dag-search.ts';
import { DagLegend } from './DagLegend.tsx';
import { DagNodePanel } from './DagNodePanel.tsx';
import { useDagLayout } from './use-dag-layout.ts';

const CANVAS_HEIGHT = 'max(480px, calc(100vh - 300px))';
const count = (n: number) => n.toLocaleString('en-US');

interface JobDagViewProps {
  dag: JobDag;
  search: DagSearch;
  onSelect: (jobId: string | undefined) => void;
  onToggleCritical: (on: boolean) => void;
  onReplayed: (result: ReplayJobResponse) => void;
  /** The refresh controls and live status, shown in the toolbar. */
  toolbar: ReactNode;
}

/** The graph around one job: toolbar, notices, the laid-out canvas and the selected job's panel. */
export function JobDagView({ dag, search, onSelect, onToggleCritical, onReplayed, toolbar }: JobDagViewProps) {
  const topology = useMemo(() => dagTopology(dag), [dag]);
  const layout = useDagLayout(topology);
  const showCritical = search.critical === '1';
  const selected = search.node === undefined ? undefined : dag.nodes.find((node) => node.id === search.node);

  let canvas: ReactNode;
  if (layout.error) {
    canvas = <ErrorState title="The graph could not be laid out" error={new Error(layout.error)} onRetry={layout.retry} />;
  } else if (layout.positions) {
    canvas = (
      <DagCanvas key={dag.rootId} dag={dag} positions={layout.positions} selectedId={search.node} showCritical={showCritical} onSelect={onSelect} />
    );
  }

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="md">
          <Switch
            label={`Highlight the critical path (${count(dag.criticalPath.length)} jobs)`}
            checked={showCritical}
            onChange={(event) => onToggleCritical(event.currentTarget.checked)}
          />
          <Text size="sm" c="dimmed" data-testid="dag-counts">
            {count(dag.nodes.length)} jobs · {count(topology.edges.length)} dependencies
          </Text>
        </Group>
        {toolbar}
      </Group>
      <DagLegend showCritical={showCritical} />
      {dag.truncated && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle />} title="Graph truncated" data-testid="dag-truncated">
          More jobs are connected to this one than the page draws; these are the {count(dag.nodes.length)} nearest. Centre the
          DAG on another job to see further.
        </Alert>
      )}
      {topology.edges.length === 0 && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle />} data-testid="dag-no-dependencies">
          This job has no dependencies: no job waits for it and it waits for none.
        </Alert>
      )}
      <Group align="stretch" wrap="nowrap" gap="sm">
        <Paper withBorder pos="relative" h={CANVAS_HEIGHT} style={{ flex: 1, overflow: 'hidden' }} data-testid="dag-canvas">
          {canvas}
          {layout.pending && (
            <Group gap="xs" pos="absolute" top={12} left={12} data-testid="dag-layout-pending" style={{ zIndex: 10 }}>
              <Loader size="sm" />
              <Text size="sm">Laying out {count(topology.nodeIds.length)} jobs…</Text>
            </Group>
          )}
        </Paper>
        {search.node !== undefined && (
          <DagNodePanel
            key={search.node}
            job={selected}
            selectedId={search.node}
            isRoot={search.node === dag.rootId}
            critical={search.critical}
            onClose={() => onSelect(undefined)}
            onReplayed={onReplayed}
          />
        )}
      </Group>
    </Stack>
  );
}
