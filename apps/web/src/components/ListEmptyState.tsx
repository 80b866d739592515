import { Button, EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

interface EmptyText {
  title: string;
  description: string;
}

interface ListEmptyStateProps {
  testId: string;
  icon: ReactNode;
  /** Shown when nothing exists at all. */
  empty: EmptyText;
  /** Shown when the filters (or the page cursor) hide everything; offers Clear filters. */
  noMatch: EmptyText;
  filtered: boolean;
  onClearFilters: () => void;
}

/** The empty list: "nothing yet", or "nothing matches" with a way back to the unfiltered list. */
export function ListEmptyState({ testId, icon, empty, noMatch, filtered, onClearFilters }: ListEmptyStateProps) {
  const text = filtered ? noMatch : empty;
  return (
    <EmptyState data-testid={testId} icon={icon} withIndicatorBackground title={text.title} description={text.description}>
      {filtered && (
        <EmptyState.Actions>
          <Button variant="light" onClick={onClearFilters}>
            Clear filters
          </Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}
