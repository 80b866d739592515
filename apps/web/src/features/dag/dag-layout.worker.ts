import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { DAG_NODE_HEIGHT, DAG_NODE_WIDTH, type LayoutRequest, type LayoutResponse, type NodePositions } from './dag-layout-protocol.ts';

/** The dedicated-worker global this file runs in (the app's lib is DOM, not WebWorker). */
interface LayoutWorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
}

const scope = self as unknown as LayoutWorkerScope;
const elk = new ELK();

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '24',
  'elk.layered.spacing.nodeNodeBetweenLayers': '72',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.spacing.componentComponent': '48',
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

// Assigned after the ELK bundle loaded: the bundle installs its own `self.onmessage` when it finds itself in a
// worker, and this handler must be the one that answers.
scope.onmessage = (event) => {
  layout(event.data).then(
    (positions) => scope.postMessage({ ok: true, positions }),
    (error: unknown) => scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
};
