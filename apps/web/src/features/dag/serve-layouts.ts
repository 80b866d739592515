import type { LayoutAnswer, LayoutRequest, NodePositions } from './dag-layout-protocol.ts';

/** The dedicated-worker global a layout worker runs in (the app's lib is DOM, not WebWorker). */
interface LayoutWorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutAnswer): void;
}

/** Answers each layout request of the page with `layout`'s positions and the time it took. */
export function serveLayouts(layout: (request: LayoutRequest) => NodePositions | Promise<NodePositions>): void {
  const scope = self as unknown as LayoutWorkerScope;
  scope.onmessage = (event) => {
    const { requestId } = event.data;
    const started = performance.now();
    Promise.resolve()
      .then(() => layout(event.data))
      .then(
        (positions) => scope.postMessage({ requestId, ok: true, positions, computeMs: performance.now() - started }),
        (error: unknown) => scope.postMessage({ requestId, ok: false, message: error instanceof Error ? error.message : String(error) }),
      );
  };
}
