import type { LayoutAnswer, LayoutRequest, NodePositions } from './dag-layout-protocol.ts';

/**
 * The tab's one layout worker. Loading ELK costs a worker a second or more, so it is kept for every layout of the
 * tab; layouts run one after another, and an answer nobody waits for any more is dropped by its caller.
 */
let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (positions: NodePositions) => void; reject: (error: Error) => void }>();

function layoutWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./dag-layout.worker.ts', import.meta.url), { type: 'module' });
  created.onmessage = (event: MessageEvent<LayoutAnswer>) => {
    const answer = event.data;
    const pending = waiting.get(answer.requestId);
    waiting.delete(answer.requestId);
    if (answer.ok) pending?.resolve(answer.positions);
    else pending?.reject(new Error(answer.message));
  };
  created.onerror = (event) => {
    event.preventDefault();
    // A worker that failed to load or crashed is replaced on the next layout.
    created.terminate();
    worker = undefined;
    const error = new Error(event.message || 'The layout worker stopped.');
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker = created;
  return created;
}

/** Starts the worker ahead of the first layout, so ELK loads while the graph is fetched. */
export function prepareDagLayout(): void {
  layoutWorker();
}

/** Each finished layout leaves a User Timing measure with this name (bench/console-scale.ts reads it). */
const DAG_LAYOUT_MEASURE = 'execops:dag-layout';

export function layoutDag(request: Omit<LayoutRequest, 'requestId'>): Promise<NodePositions> {
  const target = layoutWorker();
  const requestId = ++nextId;
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const measured = (positions: NodePositions) => {
      performance.measure(DAG_LAYOUT_MEASURE, { start, detail: { nodes: request.nodeIds.length, edges: request.edges.length } });
      resolve(positions);
    };
    waiting.set(requestId, { resolve: measured, reject });
    const message: LayoutRequest = { ...request, requestId };
    target.postMessage(message);
  });
}
