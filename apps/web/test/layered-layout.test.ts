import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAG_COMPONENT_SPACING,
  DAG_LAYER_SPACING,
  DAG_NODE_HEIGHT,
  DAG_NODE_SPACING,
  DAG_NODE_WIDTH,
  type LayoutRequest,
  type NodePositions,
} from '../src/features/dag/dag-layout-protocol.ts';
import { layeredLayout } from '../src/features/dag/layered-layout.ts';

type Graph = Omit<LayoutRequest, 'requestId'>;

const LAYER_STEP = DAG_NODE_WIDTH + DAG_LAYER_SPACING;
const layerOf = (positions: NodePositions, id: string) => (positions[id]?.x ?? NaN) / LAYER_STEP;

function expectNoOverlap(positions: NodePositions): void {
  const byLayer = new Map<number, number[]>();
  for (const { x, y } of Object.values(positions)) byLayer.set(x, [...(byLayer.get(x) ?? []), y]);
  for (const tops of byLayer.values()) {
    tops.sort((a, b) => a - b);
    for (let i = 1; i < tops.length; i++) expect((tops[i] as number) - (tops[i - 1] as number)).toBeGreaterThanOrEqual(DAG_NODE_HEIGHT + DAG_NODE_SPACING - 1e-6);
  }
}

/** Random DAGs: each edge goes from a lower to a higher index, in a shuffled node order. */
const dags = fc
  .integer({ min: 1, max: 60 })
  .chain((size) =>
    fc.record({
      size: fc.constant(size),
      edges: fc.array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), { maxLength: size * 3 }),
      order: fc.shuffledSubarray([...Array(size).keys()], { minLength: size, maxLength: size }),
    }),
  )
  .map(({ edges, order }): Graph => ({
    nodeIds: order.map((i) => `n${i}`),
    edges: edges.filter(([a, b]) => a !== b).map(([a, b]) => [`n${Math.min(a, b)}`, `n${Math.max(a, b)}`] as const),
  }));

describe('layered layout (large DAGs)', () => {
  it('places every node, every edge from a lower to a higher layer, and no two nodes overlapping', () => {
    fc.assert(
      fc.property(dags, (graph) => {
        const positions = layeredLayout(graph);
        expect(Object.keys(positions).sort()).toEqual([...graph.nodeIds].sort());
        for (const [parent, child] of graph.edges) expect(layerOf(positions, parent)).toBeLessThan(layerOf(positions, child));
        for (const { x, y } of Object.values(positions)) {
          expect(Number.isInteger(x / LAYER_STEP)).toBe(true);
          expect(y).toBeGreaterThanOrEqual(0);
        }
        expectNoOverlap(positions);
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(dags, (graph) => {
        expect(layeredLayout(graph)).toEqual(layeredLayout(graph));
      }),
    );
  });

  it('puts each node one layer after its deepest parent', () => {
    const positions = layeredLayout({ nodeIds: ['a', 'b', 'c', 'd'], edges: [['a', 'b'], ['b', 'c'], ['a', 'c'], ['c', 'd']] });
    expect(['a', 'b', 'c', 'd'].map((id) => layerOf(positions, id))).toEqual([0, 1, 2, 3]);
  });

  it('centres a fan-out on its parent and a fan-in on its parents', () => {
    const leaves = Array.from({ length: 5 }, (_, i) => `leaf${i}`);
    const positions = layeredLayout({
      nodeIds: ['root', ...leaves, 'sink'],
      edges: [...leaves.map((leaf) => ['root', leaf] as const), ...leaves.map((leaf) => [leaf, 'sink'] as const)],
    });
    const leafTops = leaves.map((leaf) => positions[leaf]?.y ?? NaN);
    const middle = (Math.min(...leafTops) + Math.max(...leafTops)) / 2;
    expect(positions.root?.y).toBeCloseTo(middle);
    expect(positions.sink?.y).toBeCloseTo(middle);
    expect(Math.min(...leafTops)).toBe(0);
  });

  it('keeps a chain on one row', () => {
    const nodeIds = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    const positions = layeredLayout({ nodeIds, edges: nodeIds.slice(1).map((id, i) => [nodeIds[i] as string, id] as const) });
    expect(new Set(Object.values(positions).map(({ y }) => y))).toEqual(new Set([0]));
    expect(positions.c999?.x).toBe(999 * LAYER_STEP);
  });

  it('uncrosses two swapped pairs', () => {
    const positions = layeredLayout({ nodeIds: ['a', 'b', 'y', 'x'], edges: [['a', 'x'], ['b', 'y']] });
    expect(positions.x?.y).toBeLessThan(positions.y?.y ?? NaN);
  });

  it('stacks unconnected parts one under the other, in request order', () => {
    const positions = layeredLayout({
      nodeIds: ['p1', 'p2', 'q1', 'q2', 'q3', 'alone'],
      edges: [['p1', 'p2'], ['q1', 'q2'], ['q1', 'q3']],
    });
    const rows = (ids: string[]) => ids.map((id) => positions[id]?.y ?? NaN);
    const [p, q, alone] = [rows(['p1', 'p2']), rows(['q1', 'q2', 'q3']), rows(['alone'])];
    expect(Math.min(...q)).toBeGreaterThanOrEqual(Math.max(...p) + DAG_NODE_HEIGHT + DAG_COMPONENT_SPACING);
    expect(Math.min(...alone)).toBeGreaterThanOrEqual(Math.max(...q) + DAG_NODE_HEIGHT + DAG_COMPONENT_SPACING);
    expect(positions.alone?.x).toBe(0);
  });

  it('ignores repeated edges and edges to nodes it was not given, and refuses a cycle', () => {
    expect(layeredLayout({ nodeIds: ['a', 'b'], edges: [['a', 'b'], ['a', 'b'], ['a', 'gone']] })).toEqual(layeredLayout({ nodeIds: ['a', 'b'], edges: [['a', 'b']] }));
    expect(() => layeredLayout({ nodeIds: ['a', 'b', 'c'], edges: [['a', 'b'], ['b', 'c'], ['c', 'b']] })).toThrow(/cycle/);
  });
});
