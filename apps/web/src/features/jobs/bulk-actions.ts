import type { BulkJobResult, BulkJobsRequest, BulkOutcome } from '@execops/contract';
import type { BulkJobAction } from '../../api/job-actions-api.ts';
import { selectedStates, type JobsSearch } from './jobs-search.ts';
import type { RowSelectionState } from '../selection/use-row-selection.ts';

export type BulkSelectionBody = Pick<BulkJobsRequest, 'ids' | 'filter'>;

/** The API's selection for the page's selection: the picked ids, or the page's filters. */
export function bulkSelectionOf(selection: RowSelectionState, search: JobsSearch): BulkSelectionBody | undefined {
  if (selection.kind === 'ids') return { ids: selection.ids };
  if (selection.kind === 'filter') return { filter: bulkFilterOf(search) };
  return undefined;
}

export function bulkFilterOf(search: JobsSearch): NonNullable<BulkJobsRequest['filter']> {
  const states = selectedStates(search);
  return {
    ...(states.length > 0 ? { state: states } : {}),
    ...(search.jobType ? { jobType: search.jobType } : {}),
    ...(search.queue ? { queue: search.queue } : {}),
    ...(search.text ? { text: search.text } : {}),
    ...(search.createdAfter ? { createdAfter: search.createdAfter } : {}),
    ...(search.createdBefore ? { createdBefore: search.createdBefore } : {}),
  };
}

interface BulkActionText {
  title: string;
  /** "N of the M selected jobs can be …" */
  can: string;
  /** "K are …": why the rest are left alone. */
  rest: string;
}

export const BULK_ACTION_TEXT: Record<BulkJobAction, BulkActionText> = {
  cancel: { title: 'Cancel jobs', can: 'canceled', rest: 'already finished' },
  replay: { title: 'Replay jobs', can: 'replayed as new jobs', rest: 'not finished (only finished jobs can be replayed)' },
  priority: { title: 'Change priority', can: 're-prioritized', rest: 'already running or finished' },
};

export function dryRunSummary(action: BulkJobAction, dryRun: { selected: number; matched: number }): string {
  const text = BULK_ACTION_TEXT[action];
  const jobs = dryRun.selected === 1 ? 'job' : 'jobs';
  const rest = dryRun.selected - dryRun.matched;
  const restText = rest > 0 ? `; ${rest} ${rest === 1 ? 'is' : 'are'} ${text.rest}` : '';
  return `${dryRun.matched} of the ${dryRun.selected} selected ${jobs} can be ${text.can}${restText}.`;
}

const OUTCOME_LABELS: Record<BulkOutcome, string> = {
  canceled: 'canceled',
  cancel_requested: 'cancel requested (running)',
  replayed: 'replayed',
  reprioritized: 're-prioritized',
  not_applicable: 'left alone (state does not allow it)',
  not_found: 'not found',
};

/** "3 canceled, 1 cancel requested (running), 2 left alone …" from the per-job results. */
export function outcomeSummary(results: readonly BulkJobResult[]): string {
  if (results.length === 0) return 'No job was changed.';
  const counts = new Map<BulkOutcome, number>();
  for (const result of results) counts.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
  return [...counts].map(([outcome, count]) => `${count} ${OUTCOME_LABELS[outcome]}`).join(', ');
}
