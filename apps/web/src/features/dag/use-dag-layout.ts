import { useEffect, useRef, useState } from 'react';
import type { DagTopology } from './dag-graph.ts';
import type { LayoutRequest, LayoutResponse, NodePositions } from './dag-layout-protocol.ts';

export interface DagLayout {
  /** The last finished layout; it may belong to an earlier node set while a new one is computed. */
  positions: NodePositions | undefined;
  /** True while the worker lays out the current node set. */
  pending: boolean;
  /** Why the current node set could not be laid out. */
  error: string | undefined;
  retry: () => void;
}

interface Outcome {
  signature: string;
  positions?: NodePositions;
  error?: string;
}

/**
 * ELK positions for the graph, computed in a Web Worker so a large graph never blocks the page. It runs again
 * only when the node or edge set changes; a worker still busy with an older set is terminated.
 */
export function useDagLayout(topology: DagTopology | undefined): DagLayout {
  const [outcome, setOutcome] = useState<Outcome>();
  const [positions, setPositions] = useState<NodePositions>();
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(topology);
  latest.current = topology;
  const signature = topology?.signature;

  useEffect(() => {
    const current = latest.current;
    if (signature === undefined || current === undefined) return undefined;
    const worker = new Worker(new URL('./dag-layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const answer = event.data;
      if (answer.ok) {
        setPositions(answer.positions);
        setOutcome({ signature, positions: answer.positions });
      } else {
        setOutcome({ signature, error: answer.message });
      }
      worker.terminate();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      setOutcome({ signature, error: event.message || 'The layout worker could not start.' });
      worker.terminate();
    };
    const request: LayoutRequest = { nodeIds: current.nodeIds, edges: current.edges };
    worker.postMessage(request);
    return () => worker.terminate();
  }, [signature, attempt]);

  const settled = outcome !== undefined && outcome.signature === signature;
  return {
    positions,
    pending: signature !== undefined && !settled,
    error: settled ? outcome.error : undefined,
    retry: () => {
      setOutcome(undefined);
      setAttempt((n) => n + 1);
    },
  };
}
