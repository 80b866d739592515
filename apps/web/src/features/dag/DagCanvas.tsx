import '@xyflow/react/dist/style.css';
import type { JobDag } from '@execops/contract';
import { useComputedColorScheme } from '@mantine/core';
import { Background, Controls, MiniMap, ReactFlow, type Edge, type NodeChange, type ReactFlowInstance } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { JOB_STATE_STYLE } from '../jobs/JobStateBadge.tsx';
import { EDGE_STYLE } from './dag-edge-style.ts';
import { criticalEdgeKeys, edgeKey, visibleEdges } from './dag-graph.ts';
import { DAG_NODE_HEIGHT, DAG_NODE_WIDTH, type NodePositions } from './dag-layout-protocol.ts';
import { DagJobNode, type DagJobFlowNode } from './DagJobNode.tsx';

const nodeTypes = { job: DagJobNode };
const MIN_ZOOM = 0.05;
const FOCUS_ZOOM = 1;

interface DagCanvasProps {
  dag: JobDag;
  positions: NodePositions;
  selectedId: string | undefined;
  showCritical: boolean;
  onSelect: (jobId: string) => void;
}

type FlowInstance = ReactFlowInstance<DagJobFlowNode, Edge>;

/** The graph drawn at the worker's positions; only what is on screen is rendered. */
export function DagCanvas({ dag, positions, selectedId, showCritical, onSelect }: DagCanvasProps) {
  const colorScheme = useComputedColorScheme('light');
  // Where the view opens: on the shared link's job when it is drawn, otherwise the whole graph.
  const [focus] = useState(() => (selectedId === undefined ? undefined : positions[selectedId]));

  const nodes = useMemo<DagJobFlowNode[]>(() => {
    const critical = new Set(showCritical ? dag.criticalPath : []);
    return dag.nodes.flatMap((job) => {
      const position = positions[job.id];
      if (!position) return [];
      return [
        {
          id: job.id,
          type: 'job' as const,
          position,
          width: DAG_NODE_WIDTH,
          height: DAG_NODE_HEIGHT,
          selected: job.id === selectedId,
          draggable: false,
          connectable: false,
          data: { job, isRoot: job.id === dag.rootId, isCritical: critical.has(job.id) },
        },
      ];
    });
  }, [dag, positions, selectedId, showCritical]);

  const edges = useMemo<Edge[]>(() => {
    const critical = showCritical ? criticalEdgeKeys(dag.criticalPath) : new Set<string>();
    return visibleEdges(dag)
      .filter((edge) => positions[edge.parent] && positions[edge.child])
      .map((edge) => {
        const id = edgeKey(edge.parent, edge.child);
        const onPath = critical.has(id);
        return {
          id,
          source: edge.parent,
          target: edge.child,
          selectable: false,
          className: `dag-edge-${edge.onParentFailure}${onPath ? ' dag-edge-critical' : ''}`,
          style: onPath ? { ...EDGE_STYLE[edge.onParentFailure], ...EDGE_STYLE.critical } : EDGE_STYLE[edge.onParentFailure],
          zIndex: onPath ? 1 : 0,
        };
      });
  }, [dag, positions, showCritical]);

  // Clicks and Enter/Space on a focused node arrive as select changes; the URL holds the selection.
  const onNodesChange = useCallback(
    (changes: NodeChange<DagJobFlowNode>[]) => {
      const picked = changes.find((change) => change.type === 'select' && change.selected);
      if (picked && picked.type === 'select') onSelect(picked.id);
    },
    [onSelect],
  );

  const onInit = useCallback(
    (instance: FlowInstance) => {
      if (focus) void instance.setCenter(focus.x + DAG_NODE_WIDTH / 2, focus.y + DAG_NODE_HEIGHT / 2, { zoom: FOCUS_ZOOM });
    },
    [focus],
  );

  return (
    <ReactFlow<DagJobFlowNode, Edge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onInit={onInit}
      fitView={focus === undefined}
      fitViewOptions={{ padding: 0.1, minZoom: MIN_ZOOM, maxZoom: FOCUS_ZOOM }}
      minZoom={MIN_ZOOM}
      maxZoom={2}
      onlyRenderVisibleElements
      nodesDraggable={false}
      nodesConnectable={false}
      edgesFocusable={false}
      deleteKeyCode={null}
      colorMode={colorScheme}
    >
      <Background />
      <Controls showInteractive={false} />
      <MiniMap<DagJobFlowNode>
        pannable
        zoomable
        ariaLabel="Overview of the graph"
        nodeColor={(node) => `var(--mantine-color-${JOB_STATE_STYLE[node.data.job.state].color}-filled)`}
      />
    </ReactFlow>
  );
}
