import { useEffect, useRef, useState } from 'react';
import type { DagTopology } from './dag-graph.ts';
import { layoutDag } from './dag-layout-client.ts';
import type { NodePositions } from './dag-layout-protocol.ts';

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
  error?: string;
}

/**
 * ELK positions for the graph, computed in the layout worker so a large graph never blocks the page. It runs again
 * only when the node or edge set changes, not when states, attempts or durations do.
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
    let wanted = true;
    layoutDag({ nodeIds: current.nodeIds, edges: current.edges }).then(
      (laidOut) => {
        if (!wanted) return;
        setPositions(laidOut);
        setOutcome({ signature });
      },
      (error: unknown) => {
        if (wanted) setOutcome({ signature, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      wanted = false;
    };
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
