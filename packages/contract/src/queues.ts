import { z } from 'zod';
import { QueueName } from './jobs.ts';

export const QueueParams = z.strictObject({ queue: QueueName });

export const QueuePause = z
  .object({
    tenant: z.string(),
    queue: z.string(),
    paused: z.boolean(),
    pausedAt: z.iso.datetime({ offset: true }).nullable(),
    pausedBy: z.string().nullable(),
    pausedReason: z.string().nullable(),
  })
  .meta({ id: 'QueuePause' });
export type QueuePause = z.infer<typeof QueuePause>;
