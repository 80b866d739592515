import type { StreamEvent } from '@execops/contract';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { liveEvents, type LiveStatus } from './live-events.ts';

/** One topic (`jobs`, `jobs:<id>`, …) or several. */
export type LiveTopics = string | readonly string[];

/**
 * Calls `onEvent` for each live event of `topics` while mounted; `null` subscribes to nothing. A new stream starts at
 * the present, so what changed between the caller's last read and the stream's opening is never sent (a scan can
 * finish in that gap): `onOpen` runs each time the stream opens, for the caller to read again. Reconnects resume
 * from Last-Event-ID and miss nothing, but call it the same.
 */
export function useLiveEvents(topics: LiveTopics | null, onEvent: (event: StreamEvent) => void, onOpen?: () => void): void {
  const callback = useRef(onEvent);
  callback.current = onEvent;
  const opened = useRef(onOpen);
  opened.current = onOpen;
  const key = topics === null ? null : [topics].flat().join(',');
  useEffect(() => {
    if (key === null) return undefined;
    const unsubscribes = key.split(',').map((topic) => liveEvents.subscribe(topic, (event) => callback.current(event)));
    unsubscribes.push(
      liveEvents.onStatus(() => {
        if (liveEvents.status === 'open') opened.current?.();
      }),
    );
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
  // A read in flight may have started before the event or the opening: React Query would hand its answer over
  // rather than read again while the query has no data yet, so cancel it first.
  const refetch = () =>
    void queryClient.cancelQueries({ queryKey: key.current }).then(() => queryClient.invalidateQueries({ queryKey: key.current }));
  useLiveEvents(
    topic,
    (event) => {
      if (!accept(event) || timer.current !== undefined) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        refetch();
      }, intervalMs);
    },
    refetch,
  );
}

/** The state of the tab's event stream, for a "live" indicator. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (listener) => liveEvents.onStatus(listener),
    () => liveEvents.status,
  );
}
