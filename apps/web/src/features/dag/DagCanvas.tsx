import '@xyflow/react/dist/style.css';
import type { JobDag } from '@execops/contract';
import { useComputedColorScheme } from '@mantine/core';
import { Background, Controls, ReactFlow, type Edge, type NodeChange, type ReactFlowInstance } from '@xyflow/react';
import { useCallback, useMemo, useRef } from 'react';
import { EDGE_STYLE } from './dag-edge-style.ts';
import { criticalEdgeKeys, edgeKey, visibleEdges } from './dag-graph.ts';
import { DAG_NODE_HEIGHT, DAG_NODE_WIDTH, type NodePositions } from './dag-layout-protocol.ts';
import { DagJobNode, type DagJobFlowNode } from './DagJobNode.tsx';
import { DagOverview } from './DagOverview.tsx';
import { FOCUS_ZOOM, initialView } from './initial-view.ts';

const nodeTypes = { job: DagJobNode };
const MIN_ZOOM = 0.05;
const FIT_VIEW_OPTIONS = { padding: 0.1, minZoom: MIN_ZOOM, maxZoom: FOCUS_ZOOM };

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
  const container = useRef<HTMLDivElement>(null);
  // Read once: the view opens there, and later selections or refetches do not move it.
  const opening = useRef({ positions, selectedId });

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
      const size = { width: container.current?.clientWidth ?? 0, height: container.current?.clientHeight ?? 0 };
      const view = initialView(opening.current.positions, dag.rootId, opening.current.selectedId, size);
      if (view.kind === 'centre') void instance.setCenter(view.x, view.y, { zoom: FOCUS_ZOOM });
      else void instance.fitView(FIT_VIEW_OPTIONS);
    },
    [dag.rootId],
  );

  return (
    <ReactFlow<DagJobFlowNode, Edge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      ref={container}
      onInit={onInit}
      fitViewOptions={FIT_VIEW_OPTIONS}
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
      <DagOverview positions={positions} />
    </ReactFlow>
  );
}
