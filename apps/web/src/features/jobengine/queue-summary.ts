import { JOB_STATES, type JobState, type QueueHealth } from '@execops/contract';

export type StateCounts = Record<JobState, number>;

/** Jobs by state summed over every queue of the tenant. */
export function totalCounts(queues: readonly QueueHealth[]): StateCounts {
  const totals = Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as StateCounts;
  for (const queue of queues) {
    for (const state of JOB_STATES) totals[state] += queue.counts[state];
  }
  return totals;
}

/** Jobs waiting to be claimed: what a paused or starved queue piles up. */
export function backlog(queue: QueueHealth): number {
  return queue.counts.queued + queue.counts.scheduled + queue.counts.throttled;
}

export interface ThroughputSeries {
  /** Start of each minute, unix seconds (uPlot's x values), oldest first. */
  minutes: number[];
  succeeded: number[];
  failed: number[];
  /** failed / finished per minute in percent; null in minutes where nothing finished. */
  failureRatePercent: Array<number | null>;
  totalSucceeded: number;
  totalFailed: number;
}

/** Finished jobs per minute summed over queues, joined by minute. */
export function combinedThroughput(queues: readonly QueueHealth[]): ThroughputSeries {
  const byMinute = new Map<number, { succeeded: number; failed: number }>();
  for (const queue of queues) {
    for (const point of queue.throughput) {
      const minute = Math.floor(Date.parse(point.minute) / 1000);
      const sum = byMinute.get(minute) ?? { succeeded: 0, failed: 0 };
      sum.succeeded += point.succeeded;
      sum.failed += point.failed;
      byMinute.set(minute, sum);
    }
  }
  const minutes = [...byMinute.keys()].sort((a, b) => a - b);
  const points = minutes.map((minute) => byMinute.get(minute) ?? { succeeded: 0, failed: 0 });
  const succeeded = points.map((p) => p.succeeded);
  const failed = points.map((p) => p.failed);
  return {
    minutes,
    succeeded,
    failed,
    failureRatePercent: points.map((p) => {
      const rate = failureRate(p.succeeded, p.failed);
      return rate === null ? null : rate * 100;
    }),
    totalSucceeded: sum(succeeded),
    totalFailed: sum(failed),
  };
}

export function failureRate(succeeded: number, failed: number): number | null {
  const finished = succeeded + failed;
  return finished === 0 ? null : failed / finished;
}

export function formatPercent(rate: number | null): string {
  if (rate === null) return '—';
  const percent = rate * 100;
  return `${percent === 0 || percent === 100 || percent >= 10 ? percent.toFixed(0) : percent.toFixed(1)} %`;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
