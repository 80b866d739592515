import { z } from 'zod';
import { JobState } from './jobs.ts';

export const QUEUE_HEALTH_WINDOW_MINUTES = 60;

const Percentiles = z.object({ p50: z.number().nullable(), p95: z.number().nullable() }).describe('milliseconds; null without samples');

export const ThroughputMinute = z.object({
  minute: z.iso.datetime({ offset: true }),
  succeeded: z.int(),
  failed: z.int(),
});

export const QueueHealth = z
  .object({
    queue: z.string(),
    counts: z.record(JobState, z.int()).describe('jobs by state, every state present'),
    oldestRunnableAgeMs: z.number().nullable().describe('how long the oldest runnable job has been waiting'),
    throughput: z.array(ThroughputMinute).describe('finished jobs per minute, oldest first, last 60 minutes'),
    finishedLastHour: z.int(),
    failureRate: z.number().nullable().describe('failed / finished over the last hour; null when none finished'),
    waitMs: Percentiles.describe('creation to first start (a delayed job counts its delay), jobs first started in the last hour'),
    runMs: Percentiles.describe('attempt durations, attempts ended in the last hour'),
    activeWorkers: z.int().describe('distinct workers holding a lease on this queue now'),
    paused: z.boolean().describe('paused queues keep their jobs but none is claimed'),
    pausedAt: z.iso.datetime({ offset: true }).nullable(),
    pausedReason: z.string().nullable(),
  })
  .meta({ id: 'QueueHealth' });
export type QueueHealth = z.infer<typeof QueueHealth>;

export const QueueHealthReport = z
  .object({ generatedAt: z.iso.datetime({ offset: true }), windowMinutes: z.int(), queues: z.array(QueueHealth) })
  .meta({ id: 'QueueHealthReport' });
export type QueueHealthReport = z.infer<typeof QueueHealthReport>;
