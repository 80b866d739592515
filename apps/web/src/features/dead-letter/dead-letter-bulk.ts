import type { BulkDeadLetterOutcome, BulkDeadLetterResponse, DeadLetterFilter } from '@execops/contract';
import type { RowSelectionState } from '../selection/use-row-selection.ts';
import { bulkFilterOf, type DeadLetterSearch } from './dead-letter-search.ts';

export type DeadLetterBulkAction = 'replay' | 'resolve';

export type DeadLetterSelectionBody = { ids: string[]; filter?: never } | { filter: DeadLetterFilter; ids?: never };

/** The API's selection for the page's selection: the picked ids, or the page's filters. */
export function bulkSelectionOf(selection: RowSelectionState, search: DeadLetterSearch): DeadLetterSelectionBody | undefined {
  if (selection.kind === 'ids') return { ids: selection.ids };
  if (selection.kind === 'filter') return { filter: bulkFilterOf(search) };
  return undefined;
}

interface BulkActionText {
  title: string;
  /** "N of the M selected entries will be …" */
  will: string;
  /** "K are …": why the rest are left alone. */
  rest: string;
}

export const DEAD_LETTER_BULK_TEXT: Record<DeadLetterBulkAction, BulkActionText> = {
  replay: { title: 'Replay entries', will: 'replayed as new jobs', rest: 'resolved' },
  resolve: { title: 'Resolve entries', will: 'resolved', rest: 'already resolved' },
};

const entries = (count: number) => (count === 1 ? 'entry' : 'entries');

export function dryRunSummary(action: DeadLetterBulkAction, dryRun: Pick<BulkDeadLetterResponse, 'selected' | 'matched'>): string {
  const text = DEAD_LETTER_BULK_TEXT[action];
  const rest = dryRun.selected - dryRun.matched;
  const restText = rest > 0 ? `; ${rest} ${rest === 1 ? 'is' : 'are'} ${text.rest}` : '';
  return `${dryRun.matched} of the ${dryRun.selected} selected ${entries(dryRun.selected)} will be ${text.will}${restText}.`;
}

const OUTCOME_LABELS: Record<BulkDeadLetterOutcome, string> = {
  replayed: 'replayed',
  resolved: 'resolved',
  not_applicable: 'left alone (already resolved)',
  not_found: 'not found',
};

/** "3 replayed, 1 left alone (already resolved)" from the per-entry results. */
export function outcomeSummary(results: BulkDeadLetterResponse['results']): string {
  if (results.length === 0) return 'No entry was changed.';
  const counts = new Map<BulkDeadLetterOutcome, number>();
  for (const result of results) counts.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
  return [...counts].map(([outcome, count]) => `${count} ${OUTCOME_LABELS[outcome]}`).join(', ');
}
