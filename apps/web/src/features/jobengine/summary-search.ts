import type { QueueHealth } from '@execops/contract';
import { z } from 'zod';
import { toText } from '../jobs/jobs-search.ts';
import { backlog } from './queue-summary.ts';

export const QUEUE_SORTS = ['queue', 'backlog', 'oldest', 'finished', 'failureRate', 'workers'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export const isQueueSort = (value: string | null | undefined): value is QueueSort => value != null && (QUEUE_SORTS as readonly string[]).includes(value);

/** The queue table's filter and sort, kept in the URL: `?filter=mail&sort=backlog&order=desc`. */
export const SummarySearchSchema = z.object({
  filter: z.unknown().transform(toText).optional(),
  sort: z
    .unknown()
    .transform((value) => {
      const text = toText(value);
      return text !== undefined && isQueueSort(text) ? text : undefined;
    })
    .optional(),
  order: z
    .unknown()
    .transform((value): SortOrder | undefined => {
      const text = toText(value);
      return text === 'asc' || text === 'desc' ? text : undefined;
    })
    .optional(),
});
export type SummarySearch = z.output<typeof SummarySearchSchema>;

/** Name sorts A→Z first; the measures sort the worst (largest) first. */
export const defaultOrder = (sort: QueueSort): SortOrder => (sort === 'queue' ? 'asc' : 'desc');

const SORT_VALUE: Record<Exclude<QueueSort, 'queue'>, (queue: QueueHealth) => number | null> = {
  backlog,
  oldest: (queue) => queue.oldestRunnableAgeMs,
  finished: (queue) => queue.finishedLastHour,
  failureRate: (queue) => queue.failureRate,
  workers: (queue) => queue.activeWorkers,
};

/** Queues whose name contains the filter (any case), in the chosen order; missing measures always sort last. */
export function visibleQueues(queues: readonly QueueHealth[], search: SummarySearch): QueueHealth[] {
  const needle = search.filter?.toLowerCase();
  const sort = search.sort ?? 'queue';
  const direction = (search.order ?? defaultOrder(sort)) === 'asc' ? 1 : -1;
  const matching = needle ? queues.filter((queue) => queue.queue.toLowerCase().includes(needle)) : [...queues];
  const byName = (a: QueueHealth, b: QueueHealth) => a.queue.localeCompare(b.queue);
  if (sort === 'queue') return matching.sort((a, b) => direction * byName(a, b));
  const value = SORT_VALUE[sort];
  return matching.sort((a, b) => {
    const left = value(a);
    const right = value(b);
    if (left === right) return byName(a, b);
    if (left === null) return 1;
    if (right === null) return -1;
    return direction * (left - right);
  });
}
