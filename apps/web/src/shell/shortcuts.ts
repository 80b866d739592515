import { useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, useSyncExternalStore } from 'react';

/** A key of the shell or of a page, and what it does there. */
export interface Shortcut {
  key: string;
  /** Shown in the `?` help: "Focus the filter", "Refresh". */
  description: string;
}

export interface PageShortcut extends Shortcut {
  run: () => void;
}

/** Keys the shell handles on every page. */
export const SHELL_SHORTCUTS: readonly Shortcut[] = [
  { key: '?', description: 'Show the keyboard shortcuts' },
  { key: 't', description: 'Switch tenant' },
];

/** The page's `f`: focus its filter (or search) field. */
export const focusFilterShortcut = (run: () => void, description = 'Focus the filter'): PageShortcut => ({ key: 'f', description, run });

/** The page's `r`: load its data again. */
export const refreshShortcut = (run: () => void, description = 'Refresh'): PageShortcut => ({ key: 'r', description, run });

/** What the mounted page registered, for the help overlay. */
let active: readonly Shortcut[] = [];
const listeners = new Set<() => void>();

function publish(shortcuts: readonly Shortcut[]): void {
  active = shortcuts;
  for (const listener of listeners) listener();
}

/**
 * Binds the page's keys (not while typing in a field) and lists them in the `?` help while the page is mounted.
 * One page is mounted at a time, so the last one to mount owns the list.
 */
export function usePageShortcuts(shortcuts: readonly PageShortcut[]): void {
  useHotkeys(shortcuts.map(({ key, run }) => [key, run]));
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  // The handlers are new closures on every render; the list only changes when a key or its description does.
  const signature = shortcuts.map(({ key, description }) => `${key} ${description}`).join('\n');
  useEffect(() => {
    const mine = latest.current.map(({ key, description }) => ({ key, description }));
    publish(mine);
    return () => {
      if (active === mine) publish([]);
    };
  }, [signature]);
}

export function usePageShortcutList(): readonly Shortcut[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => active,
  );
}
