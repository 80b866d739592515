import { useSyncExternalStore } from 'react';
import type { TimeZoneMode } from './format-timestamp.ts';

const STORAGE_KEY = 'execops.timeZoneMode';

/**
 * One store for the whole tab. A table mounts a Timestamp per cell, and a per-component storage hook made each one
 * write the key back and broadcast it to every other on mount (quadratic: some 20,000 listener calls for a page of 50 jobs).
 */
const listeners = new Set<() => void>();

function readMode(): TimeZoneMode {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'local' ? 'local' : 'utc';
  } catch {
    // Storage blocked: the default holds for this tab.
    return 'utc';
  }
}

let current = readMode();

function publish(mode: TimeZoneMode): void {
  if (mode === current) return;
  current = mode;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('storage', onStorage);
  };
}

/** Another tab changed the mode. */
function onStorage(event: StorageEvent): void {
  if (event.key === STORAGE_KEY || event.key === null) publish(readMode());
}

function setMode(mode: TimeZoneMode): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, mode);
  } catch {
    // Storage blocked: the choice lasts until the tab closes.
  }
  publish(mode);
}

/** UTC by default (the spec's rule); every component using this hook re-renders when the toggle changes. */
export function useTimeZoneMode(): [TimeZoneMode, (mode: TimeZoneMode) => void] {
  const mode = useSyncExternalStore(subscribe, () => current);
  return [mode, setMode];
}
