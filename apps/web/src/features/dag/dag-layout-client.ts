import type { LayoutAnswer, LayoutRequest, NodePositions } from './dag-layout-protocol.ts';

/**
 * Above this many jobs ELK takes over a second (seconds on a fresh page, while its code warms up), so the graph goes
 * to our own layered layout instead; below it ELK's crossing reduction and compaction are worth their time.
 */
export const LARGE_GRAPH_NODES = 300;

type LayoutEngine = 'elk' | 'layered';

interface Pending {
  resolve: (answer: { positions: NodePositions; computeMs: number }) => void;
  reject: (error: Error) => void;
}

/**
 * One of the tab's layout workers. Loading ELK costs a worker a second or more, so each worker is kept for every
 * layout of the tab; layouts run one after another, and an answer nobody waits for any more is dropped by its caller.
 */
class LayoutWorker {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Pending>();

  constructor(private readonly create: () => Worker) {}

  started(): Worker {
    if (this.worker) return this.worker;
    const created = this.create();
    created.onmessage = (event: MessageEvent<LayoutAnswer>) => {
      const answer = event.data;
      const pending = this.waiting.get(answer.requestId);
      this.waiting.delete(answer.requestId);
      if (answer.ok) pending?.resolve(answer);
      else pending?.reject(new Error(answer.message));
    };
    created.onerror = (event) => {
      event.preventDefault();
      // A worker that failed to load or crashed is replaced on the next layout.
      created.terminate();
      this.worker = undefined;
      const error = new Error(event.message || 'The layout worker stopped.');
      for (const { reject } of this.waiting.values()) reject(error);
      this.waiting.clear();
    };
    this.worker = created;
    return created;
  }

  layout(request: LayoutRequest): Promise<{ positions: NodePositions; computeMs: number }> {
    const target = this.started();
    return new Promise((resolve, reject) => {
      this.waiting.set(request.requestId, { resolve, reject });
      target.postMessage(request);
    });
  }
}

const workers: Record<LayoutEngine, LayoutWorker> = {
  elk: new LayoutWorker(() => new Worker(new URL('./dag-layout.worker.ts', import.meta.url), { type: 'module' })),
  layered: new LayoutWorker(() => new Worker(new URL('./layered-layout.worker.ts', import.meta.url), { type: 'module' })),
};
let nextId = 0;

/** Starts the workers ahead of the first layout, so ELK loads while the graph is fetched. */
export function prepareDagLayout(): void {
  workers.elk.started();
  workers.layered.started();
}

/**
 * Each finished layout leaves a User Timing measure with this name, from request to answer; its detail names the
 * engine and the worker's own compute time (bench/console-scale.ts reads both).
 */
const DAG_LAYOUT_MEASURE = 'execops:dag-layout';

export async function layoutDag(request: Omit<LayoutRequest, 'requestId'>): Promise<NodePositions> {
  const engine: LayoutEngine = request.nodeIds.length > LARGE_GRAPH_NODES ? 'layered' : 'elk';
  const start = performance.now();
  const { positions, computeMs } = await workers[engine].layout({ ...request, requestId: ++nextId });
  const detail = { nodes: request.nodeIds.length, edges: request.edges.length, engine, computeMs };
  performance.measure(DAG_LAYOUT_MEASURE, { start, detail });
  return positions;
}
