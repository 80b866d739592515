import type { OnParentFailure, PipelineNode } from '@execops/contract';
import { DagValidationError } from './dag-errors.ts';

/** An edge between two pipeline nodes, by their index in the request. */
export interface NodeEdge {
  parent: number;
  child: number;
  onParentFailure: OnParentFailure;
}

/**
 * The edges of a pipeline, checked: keys are unique, every `dependsOn` names a node, and there is no cycle.
 * Throws `DagValidationError` naming the offending keys.
 */
export function pipelineEdges(nodes: readonly PipelineNode[]): NodeEdge[] {
  const indexByKey = new Map<string, number>();
  const duplicateKeys = new Set<string>();
  nodes.forEach((node, index) => {
    if (indexByKey.has(node.key)) duplicateKeys.add(node.key);
    indexByKey.set(node.key, index);
  });
  if (duplicateKeys.size > 0) {
    const keys = [...duplicateKeys];
    throw new DagValidationError(`pipeline node keys must be unique; repeated: ${keys.join(', ')}`, { duplicateKeys: keys });
  }

  const edges: NodeEdge[] = [];
  const unknownKeys: Array<{ node: string; dependsOn: string }> = [];
  nodes.forEach((node, child) => {
    for (const key of new Set(node.dependsOn ?? [])) {
      const parent = indexByKey.get(key);
      if (parent === undefined) unknownKeys.push({ node: node.key, dependsOn: key });
      else edges.push({ parent, child, onParentFailure: node.onParentFailure ?? 'skip' });
    }
  });
  if (unknownKeys.length > 0) {
    const named = unknownKeys.map((u) => `${u.node} → ${u.dependsOn}`).join(', ');
    throw new DagValidationError(`dependsOn names keys that are not nodes of this pipeline: ${named}`, { unknownKeys });
  }

  const cycle = findCycle(nodes.length, edges);
  if (cycle) {
    const keys = cycle.map((index) => (nodes[index] as PipelineNode).key);
    throw new DagValidationError(`dependsOn forms a cycle (each depends on the next): ${keys.join(' → ')}`, { cycle: keys });
  }
  return edges;
}

/** A cycle as node indexes following dependsOn (child → parent), first index repeated at the end; undefined if none. */
function findCycle(size: number, edges: readonly NodeEdge[]): number[] | undefined {
  const parentsOf = Array.from({ length: size }, () => [] as number[]);
  for (const edge of edges) parentsOf[edge.child]?.push(edge.parent);
  const DONE = 2;
  const ON_PATH = 1;
  const mark = new Uint8Array(size);
  for (let start = 0; start < size; start++) {
    if (mark[start] === DONE) continue;
    // Iterative depth-first search: a chain of 1,000 nodes must not depend on the call stack's depth.
    const path: number[] = [start];
    const nextParent: number[] = [0];
    mark[start] = ON_PATH;
    while (path.length > 0) {
      const node = path.at(-1) as number;
      const parents = parentsOf[node] as number[];
      const i = nextParent[nextParent.length - 1] as number;
      if (i >= parents.length) {
        mark[node] = DONE;
        path.pop();
        nextParent.pop();
        continue;
      }
      nextParent[nextParent.length - 1] = i + 1;
      const parent = parents[i] as number;
      if (mark[parent] === ON_PATH) return [...path.slice(path.indexOf(parent)), parent];
      if (mark[parent] === 0) {
        mark[parent] = ON_PATH;
        path.push(parent);
        nextParent.push(0);
      }
    }
  }
  return undefined;
}
