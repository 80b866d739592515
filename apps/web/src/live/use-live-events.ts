import type { StreamEvent } from '@execops/contract';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { liveEvents, type LiveStatus } from './live-events.ts';

/** One topic (`jobs`, `jobs:<id>`, …) or several. */
export type LiveTopics = string | readonly string[];

/** Calls `onEvent` for each live event of `topics` while mounted; `null` subscribes to nothing. */
export function useLiveEvents(topics: LiveTopics | null, onEvent: (event: StreamEvent) => void): void {
  const callback = useRef(onEvent);
  callback.current = onEvent;
  const key = topics === null ? null : [topics].flat().join(',');
  useEffect(() => {
    if (key === null) return undefined;
    const unsubscribes = key.split(',').map((topic) => liveEvents.subscribe(topic, (event) => callback.current(event)));
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }, [key]);
}

/**
 * Refetches the queries under `queryKey` when events of `topics` arrive, at most once per `intervalMs` whatever
 * topic they come on: a burst of a thousand job events costs one refetch, not a thousand.
 */
export function useRefetchOnEvents(
  topic: LiveTopics | null,
  queryKey: QueryKey,
  intervalMs = 1_000,
  accept: (event: StreamEvent) => boolean = () => true,
): void {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const key = useRef(queryKey);
  key.current = queryKey;
  useEffect(() => () => clearTimeout(timer.current), []);
  // A new stream starts at the present: whatever changed between the query's last read and the stream's opening is
  // never sent (a scan can finish in that gap). So each opening reads the query once more. Reconnects resume from
  // Last-Event-ID and miss nothing, but cost the same one read.
  const subscribed = topic !== null;
  useEffect(() => {
    if (!subscribed) return undefined;
    return liveEvents.onStatus(() => {
      if (liveEvents.status === 'open') void queryClient.invalidateQueries({ queryKey: key.current });
    });
  }, [subscribed, queryClient]);
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
