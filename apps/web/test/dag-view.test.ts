import type { DagNode, JobDag } from '@execops/contract';
import { describe, expect, it } from 'vitest';
import { criticalEdgeKeys, dagTopology, visibleEdges } from '../src/features/dag/dag-graph.ts';
import { DAG_NODE_HEIGHT, DAG_NODE_WIDTH } from '../src/features/dag/dag-layout-protocol.ts';
import { DagSearchSchema } from '../src/features/dag/dag-search.ts';
import { initialView } from '../src/features/dag/initial-view.ts';

const job = (id: string, state: DagNode['state'] = 'queued'): DagNode => ({
  id,
  jobType: 't',
  queue: 'q',
  state,
  attempt: 0,
  maxAttempts: 5,
  createdAt: '2025-01-01T00:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  durationMs: null,
});

const dag = (nodes: DagNode[], edges: Array<[string, string]>): JobDag => ({
  rootId: nodes[0]?.id ?? 'a',
  nodes,
  edges: edges.map(([parent, child]) => ({ parent, child, onParentFailure: 'skip' })),
  criticalPath: [],
  truncated: false,
});

describe('DAG topology', () => {
  it('does not change when only states change, and changes with the edge set', () => {
    const before = dagTopology(dag([job('a'), job('b')], [['a', 'b']]));
    const statesChanged = dagTopology(dag([job('a', 'succeeded'), job('b', 'running')], [['a', 'b']]));
    const edgeGone = dagTopology(dag([job('a'), job('b')], []));
    const reordered = dagTopology(dag([job('b'), job('a')], [['a', 'b']]));
    expect(statesChanged.signature).toBe(before.signature);
    expect(reordered.signature).toBe(before.signature);
    expect(edgeGone.signature).not.toBe(before.signature);
  });

  it('drops edges to jobs the answer left out (a truncated graph)', () => {
    const truncated = dag([job('a'), job('b')], [['a', 'b'], ['b', 'c']]);
    expect(visibleEdges(truncated).map((e) => e.child)).toEqual(['b']);
    expect(dagTopology(truncated).edges).toEqual([['a', 'b']]);
  });

  it('names the edges between consecutive critical-path jobs', () => {
    expect([...criticalEdgeKeys(['a', 'b', 'c'])]).toEqual(['a>b', 'b>c']);
    expect(criticalEdgeKeys(['a']).size).toBe(0);
  });
});

describe('DAG initial view', () => {
  const viewport = { width: 1000, height: 600 };
  const small = { a: { x: 0, y: 0 }, b: { x: 300, y: 0 } };
  const chain = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`n${i}`, { x: i * 300, y: 0 }]));

  it('opens on the selected job when it is drawn', () => {
    expect(initialView(small, 'a', 'b', viewport)).toEqual({ kind: 'centre', x: 300 + DAG_NODE_WIDTH / 2, y: DAG_NODE_HEIGHT / 2 });
  });

  it('fits a graph that is readable as a whole, also when the selected job is not in it', () => {
    expect(initialView(small, 'a', undefined, viewport)).toEqual({ kind: 'fit' });
    expect(initialView(small, 'a', 'elsewhere', viewport)).toEqual({ kind: 'fit' });
  });

  it('opens a graph too large to read at once on its root job', () => {
    expect(initialView(chain, 'n40', undefined, viewport)).toEqual({ kind: 'centre', x: 40 * 300 + DAG_NODE_WIDTH / 2, y: DAG_NODE_HEIGHT / 2 });
  });
});

describe('DAG search params', () => {
  it('keeps the selected job as text and the critical toggle only as 1', () => {
    expect(DagSearchSchema.parse({ node: 123, critical: 1 })).toEqual({ node: '123', critical: '1' });
    expect(DagSearchSchema.parse({ node: '  ', critical: 'yes' })).toEqual({});
  });
});
