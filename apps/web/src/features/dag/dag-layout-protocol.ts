/** Messages between the page and the layout worker: ELK positions for a set of nodes and edges. */

export const DAG_NODE_WIDTH = 232;
export const DAG_NODE_HEIGHT = 76;

export interface LayoutRequest {
  /** Echoed in the answer; one worker serves every layout of the tab. */
  requestId: number;
  nodeIds: readonly string[];
  edges: readonly (readonly [parent: string, child: string])[];
}

export interface NodePosition {
  x: number;
  y: number;
}

export type NodePositions = Record<string, NodePosition>;

export type LayoutAnswer = { requestId: number } & ({ ok: true; positions: NodePositions } | { ok: false; message: string });
