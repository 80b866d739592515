import {
  DAG_COMPONENT_SPACING,
  DAG_LAYER_SPACING,
  DAG_NODE_HEIGHT,
  DAG_NODE_SPACING,
  DAG_NODE_WIDTH,
  type LayoutRequest,
  type NodePositions,
} from './dag-layout-protocol.ts';

/**
 * A small layered layout, left to right, for graphs too large for ELK to answer within a second: longest-path
 * layers from a topological order, barycenter ordering sweeps, each node's y at its parents' barycenter with
 * overlaps pushed apart (least displacement), one component under the other. Pure and deterministic: the same
 * request gives the same positions.
 */
export function layeredLayout({ nodeIds, edges }: Omit<LayoutRequest, 'requestId'>): NodePositions {
  const graph = indexGraph(nodeIds, edges);
  const layerOf = longestPathLayers(graph);
  const positions: NodePositions = {};
  let top = 0;
  for (const component of components(graph)) {
    const layers = orderLayers(graph, component, layerOf);
    const ys = placeVertically(graph, layers);
    let bottom = top;
    for (const [layer, members] of layers.entries()) {
      for (const node of members) {
        const y = top + (ys.get(node) ?? 0);
        positions[nodeIds[node] as string] = { x: layer * (DAG_NODE_WIDTH + DAG_LAYER_SPACING), y };
        bottom = Math.max(bottom, y + DAG_NODE_HEIGHT);
      }
    }
    top = bottom + DAG_COMPONENT_SPACING;
  }
  return positions;
}

interface IndexedGraph {
  size: number;
  parents: number[][];
  children: number[][];
}

/** Nodes by index in request order; repeated edges, self-edges and edges to unknown nodes are left out. */
function indexGraph(nodeIds: readonly string[], edges: LayoutRequest['edges']): IndexedGraph {
  const index = new Map(nodeIds.map((id, i) => [id, i]));
  if (index.size !== nodeIds.length) throw new Error('The layout request repeats a node id.');
  const parents: number[][] = nodeIds.map(() => []);
  const children: number[][] = nodeIds.map(() => []);
  const seen = new Set<string>();
  for (const [parentId, childId] of edges) {
    const parent = index.get(parentId);
    const child = index.get(childId);
    const key = `${parentId}>${childId}`;
    if (parent === undefined || child === undefined || parent === child || seen.has(key)) continue;
    seen.add(key);
    parents[child]?.push(parent);
    children[parent]?.push(child);
  }
  return { size: nodeIds.length, parents, children };
}

/** Each node one layer after its deepest parent (Kahn's order); a cycle has no layering and is an error. */
function longestPathLayers({ size, parents, children }: IndexedGraph): number[] {
  const layerOf = new Array<number>(size).fill(0);
  const waitingFor = parents.map((list) => list.length);
  const ready: number[] = [];
  for (let node = 0; node < size; node++) if (waitingFor[node] === 0) ready.push(node);
  let done = 0;
  for (; done < ready.length; done++) {
    const node = ready[done] as number;
    for (const child of children[node] ?? []) {
      layerOf[child] = Math.max(layerOf[child] ?? 0, (layerOf[node] ?? 0) + 1);
      waitingFor[child] = (waitingFor[child] ?? 0) - 1;
      if (waitingFor[child] === 0) ready.push(child);
    }
  }
  if (done < size) throw new Error('The graph has a cycle, so it cannot be laid out in layers.');
  return layerOf;
}

/** Weakly connected components, each in request order, ordered by their first node. */
function components({ size, parents, children }: IndexedGraph): number[][] {
  const componentOf = new Array<number>(size).fill(-1);
  const result: number[][] = [];
  for (let start = 0; start < size; start++) {
    if (componentOf[start] !== -1) continue;
    const id = result.length;
    const members = [start];
    componentOf[start] = id;
    for (let i = 0; i < members.length; i++) {
      const node = members[i] as number;
      for (const next of [...(parents[node] ?? []), ...(children[node] ?? [])]) {
        if (componentOf[next] !== -1) continue;
        componentOf[next] = id;
        members.push(next);
      }
    }
    result.push(members.sort((a, b) => a - b));
  }
  return result;
}

const BARYCENTER_SWEEPS = 2;

/** The component's layers, each ordered to cut crossings: down and up barycenter sweeps from request order. */
function orderLayers({ parents, children }: IndexedGraph, component: readonly number[], layerOf: readonly number[]): number[][] {
  const layers: number[][] = [];
  for (const node of component) {
    const layer = layerOf[node] ?? 0;
    while (layers.length <= layer) layers.push([]);
    layers[layer]?.push(node);
  }
  const rank = new Map<number, number>();
  const rerank = (members: readonly number[]) => members.forEach((node, i) => rank.set(node, i));
  layers.forEach(rerank);
  const sortByBarycenter = (members: number[], neighbours: readonly number[][]) => {
    const keys = new Map(members.map((node) => [node, barycenter(neighbours[node] ?? [], rank) ?? (rank.get(node) ?? 0)]));
    // Ties keep the current order, so the sweep is deterministic.
    members.sort((a, b) => (keys.get(a) ?? 0) - (keys.get(b) ?? 0) || (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    rerank(members);
  };
  for (let sweep = 0; sweep < BARYCENTER_SWEEPS; sweep++) {
    for (let layer = 1; layer < layers.length; layer++) sortByBarycenter(layers[layer] ?? [], parents);
    for (let layer = layers.length - 2; layer >= 0; layer--) sortByBarycenter(layers[layer] ?? [], children);
  }
  return layers;
}

function barycenter(neighbours: readonly number[], value: ReadonlyMap<number, number>): number | undefined {
  if (neighbours.length === 0) return undefined;
  let sum = 0;
  for (const node of neighbours) sum += value.get(node) ?? 0;
  return sum / neighbours.length;
}

const ROW = DAG_NODE_HEIGHT + DAG_NODE_SPACING;

/**
 * Tops of the nodes within their component, from 0: the first layer stacked, every later node wanting its parents'
 * centre, and each layer's wishes met as closely as a row's spacing allows.
 */
function placeVertically({ parents }: IndexedGraph, layers: readonly (readonly number[])[]): Map<number, number> {
  const y = new Map<number, number>();
  for (const members of layers) {
    const wanted = members.map((node, i) => barycenter(parents[node] ?? [], y) ?? i * ROW);
    separate(wanted).forEach((top, i) => y.set(members[i] as number, top));
  }
  const highest = Math.min(...y.values());
  for (const [node, top] of y) y.set(node, top - highest);
  return y;
}

/**
 * The tops closest to `wanted` (least squares) that keep each node a row below the one before: with
 * t[i] = y[i] - i·ROW the rows only need t non-decreasing, which pool-adjacent-violators solves in one pass.
 */
function separate(wanted: readonly number[]): number[] {
  const blocks: Array<{ sum: number; count: number }> = [];
  wanted.forEach((top, i) => {
    blocks.push({ sum: top - i * ROW, count: 1 });
    for (;;) {
      const last = blocks.at(-1);
      const before = blocks.at(-2);
      if (!last || !before || before.sum / before.count <= last.sum / last.count) break;
      before.sum += last.sum;
      before.count += last.count;
      blocks.pop();
    }
  });
  const tops: number[] = [];
  for (const { sum, count } of blocks) for (let k = 0; k < count; k++) tops.push(sum / count + tops.length * ROW);
  return tops;
}
