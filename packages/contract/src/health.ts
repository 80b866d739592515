import { z } from 'zod';

export const Health = z.object({ status: z.literal('ok'), version: z.string() }).meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;

export const Readiness = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.object({
      database: z.object({ ok: z.boolean(), latencyMs: z.number().nullable(), error: z.string().optional() }),
      migrations: z.object({ ok: z.boolean(), applied: z.int(), expected: z.int() }),
    }),
    storage: z.enum(['embedded', 'external']),
  })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof Readiness>;
