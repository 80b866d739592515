import { DAG_NODE_HEIGHT, DAG_NODE_WIDTH, type NodePositions } from './dag-layout-protocol.ts';

/** Below this zoom a node's text cannot be read; a graph that only fits smaller opens on one job instead. */
export const READABLE_ZOOM = 0.45;
export const FOCUS_ZOOM = 1;

export type InitialView = { kind: 'fit' } | { kind: 'centre'; x: number; y: number };

function centreOf(positions: NodePositions, jobId: string | undefined): InitialView | undefined {
  const position = jobId === undefined ? undefined : positions[jobId];
  return position && { kind: 'centre', x: position.x + DAG_NODE_WIDTH / 2, y: position.y + DAG_NODE_HEIGHT / 2 };
}

/**
 * Where the canvas opens: on the shared link's job when it is drawn; otherwise the whole graph when it can be
 * read at that size, else on the job the page is about.
 */
export function initialView(positions: NodePositions, rootId: string, selectedId: string | undefined, viewport: { width: number; height: number }): InitialView {
  const selected = centreOf(positions, selectedId);
  if (selected) return selected;
  let width = 0;
  let height = 0;
  for (const { x, y } of Object.values(positions)) {
    width = Math.max(width, x + DAG_NODE_WIDTH);
    height = Math.max(height, y + DAG_NODE_HEIGHT);
  }
  const fitZoom = Math.min(viewport.width / Math.max(width, 1), viewport.height / Math.max(height, 1));
  if (fitZoom >= READABLE_ZOOM) return { kind: 'fit' };
  return centreOf(positions, rootId) ?? { kind: 'fit' };
}
