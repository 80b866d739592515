import { z } from 'zod';

/** Payload of the built-in `http.request` job: calls a URL and records the answer's status. */
export const HttpRequestPayload = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }),
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.string().max(1024 * 1024).optional(),
    timeoutMs: z.int().min(100).max(300_000).default(10_000),
    /** Statuses that count as success; default any 2xx. */
    expectStatus: z.array(z.int().min(100).max(599)).min(1).optional(),
  })
  .meta({ id: 'HttpRequestPayload' });
export type HttpRequestPayload = z.infer<typeof HttpRequestPayload>;

export const HttpRequestResult = z
  .object({
    status: z.int(),
    durationMs: z.number(),
    contentType: z.string().nullable(),
    bodyBytes: z.int(),
    bodyPreview: z.string().describe('the first 1,024 characters of the answer'),
  })
  .meta({ id: 'HttpRequestResult' });
export type HttpRequestResult = z.infer<typeof HttpRequestResult>;

/** Payload of the built-in `maintenance.prune` job: deletes finished jobs and events past retention. */
export const PrunePayload = z
  .strictObject({ olderThanHours: z.number().min(0).max(24 * 365 * 10) })
  .meta({ id: 'PrunePayload' });
export type PrunePayload = z.infer<typeof PrunePayload>;

export const PruneJobResult = z.object({ deleted: z.int(), eventsDeleted: z.int(), cutoff: z.iso.datetime() });
export type PruneJobResult = z.infer<typeof PruneJobResult>;
