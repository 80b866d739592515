import type { DagEdge, DagNode } from '@execops/contract';

interface Reach {
  /** Sum of durations along the best path ending here. */
  ms: number;
  /** Jobs on it: among paths of equal duration the longer chain wins, so a graph nothing ran in yet still has one. */
  hops: number;
  via: string | undefined;
}

const better = (a: Reach, b: Reach) => a.ms > b.ms || (a.ms === b.ms && a.hops > b.hops);

/**
 * The longest path by duration (a job that has not run counts 0) from a source to a sink of the given graph, as
 * ids in order. Nodes are visited in topological order; edges to ids outside `nodes` are ignored.
 */
export function criticalPath(nodes: readonly DagNode[], edges: readonly DagEdge[]): string[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string, string[]>();
  const waiting = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  for (const edge of edges) {
    if (!ids.has(edge.parent) || !ids.has(edge.child)) continue;
    const list = children.get(edge.parent);
    if (list) list.push(edge.child);
    else children.set(edge.parent, [edge.child]);
    waiting.set(edge.child, (waiting.get(edge.child) ?? 0) + 1);
  }
  const duration = new Map(nodes.map((n) => [n.id, n.durationMs ?? 0]));
  const reach = new Map<string, Reach>();
  const ready = nodes.filter((n) => waiting.get(n.id) === 0).map((n) => n.id);
  for (const id of ready) reach.set(id, { ms: duration.get(id) ?? 0, hops: 1, via: undefined });

  let end: string | undefined;
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i] as string;
    const here = reach.get(id) as Reach;
    const next = children.get(id) ?? [];
    if (next.length === 0 && (end === undefined || better(here, reach.get(end) as Reach))) end = id;
    for (const child of next) {
      const candidate = { ms: here.ms + (duration.get(child) ?? 0), hops: here.hops + 1, via: id };
      const known = reach.get(child);
      if (!known || better(candidate, known)) reach.set(child, candidate);
      const left = (waiting.get(child) ?? 0) - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }

  const path: string[] = [];
  for (let id = end; id !== undefined; id = reach.get(id)?.via) path.push(id);
  return path.reverse();
}
