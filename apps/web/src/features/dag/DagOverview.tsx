import { MiniMap, type MiniMapNodeProps } from '@xyflow/react';
import { createContext, memo, useContext, useMemo } from 'react';
import { JOB_STATE_STYLE } from '../jobs/JobStateBadge.tsx';
import { DAG_NODE_HEIGHT, DAG_NODE_WIDTH, type NodePositions } from './dag-layout-protocol.ts';
import type { DagJobFlowNode } from './DagJobNode.tsx';

const OVERVIEW_SIZE = { width: 200, height: 150 };
/** The smallest a job is drawn in the overview, in screen pixels. */
const MIN_JOB_PIXELS = 3;

/**
 * Graph units per overview pixel once the overview fits every job, as the minimap fits them. A chain of 1,000 jobs
 * is about 1,500 units a pixel, so a job drawn at its own size is a twentieth of a pixel: an empty grey box.
 */
export function overviewUnitsPerPixel(positions: NodePositions): number {
  const points = Object.values(positions);
  if (points.length === 0) return 0;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const width = Math.max(...xs) - Math.min(...xs) + DAG_NODE_WIDTH;
  const height = Math.max(...ys) - Math.min(...ys) + DAG_NODE_HEIGHT;
  return Math.max(width / OVERVIEW_SIZE.width, height / OVERVIEW_SIZE.height);
}

/** The least width and height of a job in the overview, in graph units. */
const MinimumExtent = createContext(0);

/** A job in the overview, grown about its centre to stay visible however far the overview is zoomed out. */
const OverviewJob = memo(function OverviewJob({ x, y, width, height, color, className, selected }: MiniMapNodeProps) {
  const minimum = useContext(MinimumExtent);
  const drawnWidth = Math.max(width, minimum);
  const drawnHeight = Math.max(height, minimum);
  return (
    <rect
      className={`react-flow__minimap-node${selected ? ' selected' : ''}${className ? ` ${className}` : ''}`}
      x={x - (drawnWidth - width) / 2}
      y={y - (drawnHeight - height) / 2}
      width={drawnWidth}
      height={drawnHeight}
      style={{ fill: color }}
      shapeRendering="crispEdges"
    />
  );
});

/** The whole graph at a glance, coloured by state; drag or scroll it to move the view. */
export function DagOverview({ positions }: { positions: NodePositions }) {
  const minimum = useMemo(() => overviewUnitsPerPixel(positions) * MIN_JOB_PIXELS, [positions]);
  return (
    <MinimumExtent.Provider value={minimum}>
      <MiniMap<DagJobFlowNode>
        pannable
        zoomable
        style={OVERVIEW_SIZE}
        ariaLabel="Overview of the graph"
        nodeComponent={OverviewJob}
        nodeColor={(node) => `var(--mantine-color-${JOB_STATE_STYLE[node.data.job.state].color}-filled)`}
      />
    </MinimumExtent.Provider>
  );
}
