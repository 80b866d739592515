/** Messages between the page and a layout worker: positions for a set of nodes and edges. */

export const DAG_NODE_WIDTH = 232;
export const DAG_NODE_HEIGHT = 76;
/** Gaps between nodes of one layer, between layers, and between unconnected parts of the graph. */
export const DAG_NODE_SPACING = 24;
export const DAG_LAYER_SPACING = 72;
export const DAG_COMPONENT_SPACING = 48;

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

export type LayoutAnswer = { requestId: number } & (
  | {
      ok: true;
      positions: NodePositions;
      /** The worker's own time for this layout, without the wait in its queue or the messages. */
      computeMs: number;
    }
  | { ok: false; message: string }
);
