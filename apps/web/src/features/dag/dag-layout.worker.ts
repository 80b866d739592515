import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { DAG_NODE_HEIGHT, DAG_NODE_WIDTH, type LayoutAnswer, type LayoutRequest, type NodePositions } from './dag-layout-protocol.ts';

/** The dedicated-worker global this file runs in (the app's lib is DOM, not WebWorker). */
interface LayoutWorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutAnswer): void;
}

const scope = self as unknown as LayoutWorkerScope;
const elk = new ELK();

// The page draws its own edges, so ELK's cheapest edge routing will do.
const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'POLYLINE',
  'elk.spacing.nodeNode': '24',
  'elk.layered.spacing.nodeNodeBetweenLayers': '72',
  'elk.spacing.componentComponent': '48',
};

/**
 * Above this many jobs, compact layering (network simplex) with thorough crossing reduction took over a minute for
 * a 1,000-job fan-out; longest-path layering with one sweep takes seconds.
 */
const LARGE_GRAPH_NODES = 300;
const LARGE_GRAPH_OPTIONS = { 'elk.layered.layering.strategy': 'LONGEST_PATH', 'elk.layered.thoroughness': '1' };

async function layout({ nodeIds, edges }: LayoutRequest): Promise<NodePositions> {
  const graph: ElkNode = {
    id: 'dag',
    layoutOptions: nodeIds.length > LARGE_GRAPH_NODES ? { ...LAYOUT_OPTIONS, ...LARGE_GRAPH_OPTIONS } : LAYOUT_OPTIONS,
    children: nodeIds.map((id) => ({ id, width: DAG_NODE_WIDTH, height: DAG_NODE_HEIGHT })),
    edges: edges.map(([parent, child], index) => ({ id: `e${index}`, sources: [parent], targets: [child] })),
  };
  const laidOut = await elk.layout(graph);
  const positions: NodePositions = {};
  for (const node of laidOut.children ?? []) positions[node.id] = { x: node.x ?? 0, y: node.y ?? 0 };
  return positions;
}

// Assigned after the ELK bundle loaded: the bundle installs its own `self.onmessage` when it finds itself in a
// worker, and this handler must be the one that answers.
scope.onmessage = (event) => {
  const { requestId } = event.data;
  layout(event.data).then(
    (positions) => scope.postMessage({ requestId, ok: true, positions }),
    (error: unknown) => scope.postMessage({ requestId, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
};
