import { useState } from 'react';

/**
 * The API pages forward only, so Previous needs the cursors already visited. They are kept in memory:
 * after a reload the page itself still comes from the URL, and "First page" is the way back.
 */
export function useCursorStack(currentCursor: string | undefined, show: (cursor: string | undefined) => void) {
  const [visited, setVisited] = useState<(string | undefined)[]>([]);
  return {
    canGoBack: visited.length > 0,
    isFirstPage: currentCursor === undefined,
    next(nextCursor: string) {
      setVisited((stack) => [...stack, currentCursor]);
      show(nextCursor);
    },
    previous() {
      const previous = visited.at(-1);
      setVisited((stack) => stack.slice(0, -1));
      show(previous);
    },
    first() {
      setVisited([]);
      show(undefined);
    },
    reset() {
      setVisited([]);
    },
  };
}
