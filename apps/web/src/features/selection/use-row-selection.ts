import { useEffect, useState } from 'react';

export type RowSelectionState =
  | { kind: 'none' }
  | { kind: 'ids'; ids: string[] }
  /** Every row matching the page's filters, on this page and beyond. */
  | { kind: 'filter' };

/**
 * Row selection on one page of a filtered listing (jobs, dead-letter entries). Picked ids that are still on the
 * page stay picked when the page refetches (live updates); ids that left it drop out. A new view (`viewKey`:
 * filters, sort, page) starts with none.
 */
export function useRowSelection(pageIds: readonly string[], viewKey: string) {
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [shownView, setShownView] = useState(viewKey);
  if (shownView !== viewKey) {
    setShownView(viewKey);
    setPicked(new Set());
    setAllMatching(false);
  }

  const pageKey = pageIds.join(',');
  useEffect(() => {
    const onPage = new Set(pageKey.split(','));
    setPicked((current) => {
      const kept = [...current].filter((id) => onPage.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [pageKey]);

  const selected: ReadonlySet<string> = allMatching ? new Set(pageIds) : new Set(pageIds.filter((id) => picked.has(id)));
  const allOnPage = pageIds.length > 0 && selected.size === pageIds.length;
  const state: RowSelectionState = allMatching ? { kind: 'filter' } : selected.size > 0 ? { kind: 'ids', ids: [...selected] } : { kind: 'none' };

  return {
    state,
    selected,
    allOnPage,
    toggle(rowId: string) {
      const next = new Set(selected);
      if (next.has(rowId)) next.delete(rowId);
      else next.add(rowId);
      setAllMatching(false);
      setPicked(next);
    },
    togglePage() {
      setAllMatching(false);
      setPicked(allOnPage ? new Set() : new Set(pageIds));
    },
    selectAllMatching() {
      setAllMatching(true);
    },
    clear() {
      setAllMatching(false);
      setPicked(new Set());
    },
  };
}

export type RowSelection = ReturnType<typeof useRowSelection>;
