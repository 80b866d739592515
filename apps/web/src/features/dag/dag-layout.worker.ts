import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import {
  DAG_COMPONENT_SPACING,
  DAG_LAYER_SPACING,
  DAG_NODE_HEIGHT,
  DAG_NODE_SPACING,
  DAG_NODE_WIDTH,
  type LayoutRequest,
  type NodePositions,
} from './dag-layout-protocol.ts';
import { serveLayouts } from './serve-layouts.ts';

const elk = new ELK();

// The page draws its own edges, so ELK's cheapest edge routing will do.
const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'POLYLINE',
  'elk.spacing.nodeNode': String(DAG_NODE_SPACING),
  'elk.layered.spacing.nodeNodeBetweenLayers': String(DAG_LAYER_SPACING),
  'elk.spacing.componentComponent': String(DAG_COMPONENT_SPACING),
};

async function layout({ nodeIds, edges }: LayoutRequest): Promise<NodePositions> {
  const graph: ElkNode = {
    id: 'dag',
    layoutOptions: LAYOUT_OPTIONS,
    children: nodeIds.map((id) => ({ id, width: DAG_NODE_WIDTH, height: DAG_NODE_HEIGHT })),
    edges: edges.map(([parent, child], index) => ({ id: `e${index}`, sources: [parent], targets: [child] })),
  };
  const laidOut = await elk.layout(graph);
  const positions: NodePositions = {};
  for (const node of laidOut.children ?? []) positions[node.id] = { x: node.x ?? 0, y: node.y ?? 0 };
  return positions;
}

// Called after the ELK bundle loaded: the bundle installs its own `self.onmessage` when it finds itself in a
// worker, and this handler must be the one that answers.
serveLayouts(layout);
