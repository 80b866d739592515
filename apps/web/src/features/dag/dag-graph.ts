import type { DagEdge, JobDag } from '@execops/contract';
import type { LayoutRequest } from './dag-layout-protocol.ts';

/** The node and edge set of a DAG: what its layout depends on (states, attempts and durations do not move nodes). */
export interface DagTopology extends Omit<LayoutRequest, 'requestId'> {
  /** Equal for two answers with the same nodes and edges. */
  signature: string;
}

export const edgeKey = (parent: string, child: string) => `${parent}>${child}`;

/** Edges whose ends are both in the answer, in the answer's order. */
export function visibleEdges(dag: JobDag): DagEdge[] {
  const ids = new Set(dag.nodes.map((node) => node.id));
  return dag.edges.filter((edge) => ids.has(edge.parent) && ids.has(edge.child));
}

export function dagTopology(dag: JobDag): DagTopology {
  const nodeIds = dag.nodes.map((node) => node.id);
  const edges = visibleEdges(dag).map((edge) => [edge.parent, edge.child] as const);
  // Sorted, so the same sets in another order keep their layout.
  const edgeKeys = edges.map(([parent, child]) => edgeKey(parent, child)).sort();
  const signature = `${[...nodeIds].sort().join(',')}|${edgeKeys.join(',')}`;
  return { nodeIds, edges, signature };
}

/** The edges between consecutive jobs of the critical path. */
export function criticalEdgeKeys(path: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (let i = 1; i < path.length; i++) keys.add(edgeKey(path[i - 1] as string, path[i] as string));
  return keys;
}
