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
