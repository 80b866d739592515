import { RunStreamEvent } from '@execops/contract';
import { useEffect, useState } from 'react';
import { schedulerApi } from '../../api/scheduler-api.ts';

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
/** Items arriving together (the backlog) are rendered together. */
const FLUSH_MS = 50;

export type StreamConnection =
  | { kind: 'connecting' }
  | { kind: 'open' }
  /** The next attempt, counted from 1 since the last open connection, starts at `retryAt` (epoch ms). */
  | { kind: 'reconnecting'; attempt: number; retryAt: number };

/** 1 s, 2 s, 4 s, … capped at 30 s. */
export const retryDelayMs = (attempt: number) => Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1));

export interface RunStreamState {
  items: RunStreamEvent[];
  connection: StreamConnection;
}

/**
 * The run's own stream (not the tab's shared event connection: this one carries the run's history and its log
 * lines). A dropped connection is reopened after a growing delay, resuming after the last item received, so the
 * list gets every item once.
 */
export function useRunStream(runId: string, enabled: boolean): RunStreamState {
  const [state, setState] = useState<RunStreamState>({ items: [], connection: { kind: 'connecting' } });

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let lastId: string | undefined;
    const seen = new Set<string>();
    let pending: RunStreamEvent[] = [];
    setState({ items: [], connection: { kind: 'connecting' } });

    const flush = () => {
      flushTimer = undefined;
      const arrived = pending;
      pending = [];
      setState((previous) => ({ ...previous, items: [...previous.items, ...arrived] }));
    };
    const setConnection = (connection: StreamConnection) => setState((previous) => ({ ...previous, connection }));

    const connect = () => {
      const opened = new EventSource(schedulerApi.runStreamUrl(runId, lastId));
      source = opened;
      opened.onopen = () => {
        attempt = 0;
        setConnection({ kind: 'open' });
      };
      opened.onmessage = (message: MessageEvent<string>) => {
        const parsed = RunStreamEvent.safeParse(JSON.parse(message.data));
        if (!parsed.success || seen.has(parsed.data.id)) return;
        seen.add(parsed.data.id);
        lastId = parsed.data.id;
        pending.push(parsed.data);
        flushTimer ??= setTimeout(flush, FLUSH_MS);
      };
      opened.onerror = () => {
        // Reopened here rather than by EventSource itself, to back off and to say when.
        opened.close();
        attempt += 1;
        const delay = retryDelayMs(attempt);
        setConnection({ kind: 'reconnecting', attempt, retryAt: Date.now() + delay });
        retryTimer = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      source?.close();
      clearTimeout(retryTimer);
      clearTimeout(flushTimer);
    };
  }, [runId, enabled]);

  return state;
}
