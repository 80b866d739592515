import type { StreamEvent } from '@execops/contract';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { liveEvents, type LiveStatus } from './live-events.ts';

/** Calls `onEvent` for each live event of `topic` (`jobs`, `jobs:<id>`, …) while mounted; `null` subscribes to nothing. */
export function useLiveEvents(topic: string | null, onEvent: (event: StreamEvent) => void): void {
  const callback = useRef(onEvent);
  callback.current = onEvent;
  useEffect(() => {
    if (topic === null) return undefined;
    return liveEvents.subscribe(topic, (event) => callback.current(event));
  }, [topic]);
}

/**
 * Refetches the queries under `queryKey` when events of `topic` arrive, at most once per `intervalMs`: a burst of
 * a thousand job events costs one refetch, not a thousand.
 */
export function useRefetchOnEvents(
  topic: string | null,
  queryKey: QueryKey,
  intervalMs = 1_000,
  accept: (event: StreamEvent) => boolean = () => true,
): void {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const key = useRef(queryKey);
  key.current = queryKey;
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveEvents(topic, (event) => {
    if (!accept(event) || timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void queryClient.invalidateQueries({ queryKey: key.current });
    }, intervalMs);
  });
}

/** The state of the tab's event stream, for a "live" indicator. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (listener) => liveEvents.onStatus(listener),
    () => liveEvents.status,
  );
}
