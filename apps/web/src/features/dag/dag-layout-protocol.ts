/** Messages between the page and the layout worker: ELK positions for a set of nodes and edges. */

export const DAG_NODE_WIDTH = 232;
export const DAG_NODE_HEIGHT = 76;

export interface LayoutRequest {
  nodeIds: readonly string[];
  edges: readonly (readonly [parent: string, child: string])[];
}

export interface NodePosition {
  x: number;
  y: number;
}

export type NodePositions = Record<string, NodePosition>;

export type LayoutResponse = { ok: true; positions: NodePositions } | { ok: false; message: string };
