import type { BulkDeadLetterOutcome, BulkDeadLetterResponse, DeadLetterCluster, DeadLetterFilter, DeadLetterStats } from '@execops/contract';
import { z } from 'zod';
import { millisBetween } from '../../time/format-duration.ts';
import { searchText } from '../jobs/jobs-search.ts';

/** The overview's cluster filter, kept in the URL: `?filter=timeout`. */
export const DeadLetterOverviewSearchSchema = z.object({ filter: searchText });
export type DeadLetterOverviewSearch = z.output<typeof DeadLetterOverviewSearchSchema>;

/** The queue page's filters as they read in its URL (`?status=open&retryable=true&cluster=…&jobType=…`). */
export interface DeadLetterQueueLink {
  status?: 'open';
  retryable?: 'true';
  cluster?: string;
  jobType?: string;
}

export const OPEN_ENTRIES: DeadLetterQueueLink = { status: 'open' };
export const RETRYABLE_OPEN_ENTRIES: DeadLetterQueueLink = { status: 'open', retryable: 'true' };
export const openEntriesOfCluster = (clusterKey: string): DeadLetterQueueLink => ({ status: 'open', cluster: clusterKey });
export const entriesOfJobType = (jobType: string): DeadLetterQueueLink => ({ jobType });

/** What "Replay this cluster" selects: its open entries, not the ones already replayed or resolved. */
export const clusterReplayFilter = (clusterKey: string): DeadLetterFilter => ({ cluster: clusterKey, status: ['open'] });

/** Age of the oldest open entry on the server's clock (its `generatedAt`), or null when nothing is open. */
export const oldestOpenAgeMs = (stats: DeadLetterStats): number | null => millisBetween(stats.oldestOpenAt, stats.generatedAt);

/** A tenant with no entry at all, open or not, in any job type. */
export const hasNoEntries = (stats: DeadLetterStats): boolean => stats.byJobType.every((row) => row.total === 0);

export interface HourlySeries {
  /** Unix seconds of each hour's start, oldest first. */
  hours: number[];
  counts: number[];
  total: number;
}

export function hourlySeries(last24h: DeadLetterStats['last24h']): HourlySeries {
  const hours = last24h.map((slot) => Math.floor(new Date(slot.hour).getTime() / 1000));
  const counts = last24h.map((slot) => slot.count);
  return { hours, counts, total: counts.reduce((sum, count) => sum + count, 0) };
}

/** Clusters whose code, sample message, class or job types contain the filter (any case). */
export function visibleClusters(clusters: readonly DeadLetterCluster[], filter: string | undefined): DeadLetterCluster[] {
  const needle = filter?.trim().toLowerCase();
  if (!needle) return [...clusters];
  return clusters.filter((cluster) =>
    [cluster.code, cluster.sampleMessage, cluster.errorClass, ...cluster.jobTypes].some((text) => text.toLowerCase().includes(needle)),
  );
}

const entries = (count: number) => `${count.toLocaleString('en-US')} ${count === 1 ? 'entry' : 'entries'}`;

/** "3 open entries will be replayed as new jobs." from a bulk replay's dry run. */
export function replayDryRunSummary(dryRun: Pick<BulkDeadLetterResponse, 'selected' | 'matched'>): string {
  if (dryRun.matched === 0) return 'No open entry is left in this cluster: nothing to replay.';
  const rest = dryRun.selected - dryRun.matched;
  const restText = rest > 0 ? ` ${entries(rest)} can no longer be replayed.` : '';
  return `${entries(dryRun.matched)} of this cluster will be replayed as new jobs.${restText}`;
}

const OUTCOME_LABELS: Record<BulkDeadLetterOutcome, string> = {
  replayed: 'replayed',
  resolved: 'resolved',
  not_applicable: 'left alone (already resolved)',
  not_found: 'not found',
};

/** "4 replayed, 1 left alone (already resolved)" from the per-entry results. */
export function bulkOutcomeSummary(results: BulkDeadLetterResponse['results']): string {
  if (results.length === 0) return 'No entry was changed.';
  const counts = new Map<BulkDeadLetterOutcome, number>();
  for (const result of results) counts.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
  return [...counts].map(([outcome, count]) => `${count.toLocaleString('en-US')} ${OUTCOME_LABELS[outcome]}`).join(', ');
}
