import { z } from 'zod';
import { JOB_TYPE_PATTERN } from './jobs.ts';

/** A job type, or `*` for every type of the tenant. */
export const QuotaJobType = z
  .string()
  .refine((v) => v === '*' || JOB_TYPE_PATTERN.test(v), 'jobType must be a job type or "*"');

export const QuotaLimits = z.strictObject({
  maxActive: z.int().min(0).max(1_000_000).nullable().default(null).describe('jobs running at once'),
  maxPerHour: z.int().min(0).max(100_000_000).nullable().default(null).describe('starts per fixed hourly window'),
  burst: z.int().min(1).max(1_000_000).nullable().default(null).describe('token bucket size'),
  refillPerSecond: z.number().positive().max(1_000_000).nullable().default(null).describe('tokens added per second'),
});

const bucketComplete = (q: { burst: number | null; refillPerSecond: number | null }) => (q.burst === null) === (q.refillPerSecond === null);
const bucketMessage = { message: 'burst and refillPerSecond go together (a token bucket needs both)', path: ['burst'] };

export const CreateQuotaRequest = QuotaLimits.extend({ jobType: QuotaJobType, paused: z.boolean().default(false) })
  .refine(bucketComplete, bucketMessage)
  .meta({ id: 'CreateQuotaRequest' });
export type CreateQuotaRequest = z.infer<typeof CreateQuotaRequest>;

export const UpdateQuotaRequest = QuotaLimits.refine(bucketComplete, bucketMessage).meta({ id: 'UpdateQuotaRequest' });
export type UpdateQuotaRequest = z.infer<typeof UpdateQuotaRequest>;

export const QuotaParams = z.strictObject({ jobType: QuotaJobType });

export const QuotaUsage = z.object({
  active: z.int(),
  usedThisHour: z.int(),
  hourEndsAt: z.iso.datetime({ offset: true }).nullable(),
  tokens: z.number().nullable(),
  throttled: z.int().describe('jobs now waiting in state throttled'),
});

export const Quota = z
  .object({
    tenant: z.string(),
    jobType: z.string(),
    maxActive: z.int().nullable(),
    maxPerHour: z.int().nullable(),
    burst: z.int().nullable(),
    refillPerSecond: z.number().nullable(),
    paused: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    usage: QuotaUsage,
  })
  .meta({ id: 'Quota' });
export type Quota = z.infer<typeof Quota>;

export const QuotaList = z.object({ items: z.array(Quota) }).meta({ id: 'QuotaList' });
export type QuotaList = z.infer<typeof QuotaList>;

export const QuotaSnapshot = z
  .object({ generatedAt: z.iso.datetime({ offset: true }), tenant: z.string(), quotas: z.array(Quota) })
  .meta({ id: 'QuotaSnapshot' });
export type QuotaSnapshot = z.infer<typeof QuotaSnapshot>;

export const QuotaExportQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });
