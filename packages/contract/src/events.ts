import { z } from 'zod';

/** `jobs`, or `runs:<id>`: a topic, optionally narrowed to one subject. */
export const TOPIC_PATTERN = /^[a-z][a-z0-9_-]{0,31}(:[A-Za-z0-9._:-]{1,200})?$/;

/** The query of every event stream: `EventSource` cannot send headers. */
export const STREAM_QUERY_FIELDS = {
  tenant: z.string().optional().describe('for EventSource, which cannot send X-Tenant'),
  lastEventId: z
    .string()
    .max(200)
    .optional()
    .describe('resume after this id when opening a new EventSource, which cannot set Last-Event-ID; the header wins'),
};

export const EventsQuery = z.strictObject({
  topics: z
    .string()
    .min(1)
    .max(2000)
    .transform((v) => v.split(',').map((t) => t.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(TOPIC_PATTERN, 'topics are names like jobs or runs:<id>')).min(1).max(50))
    .describe('comma-separated: jobs, runs:<id>, …'),
  ...STREAM_QUERY_FIELDS,
});
export type EventsQuery = z.infer<typeof EventsQuery>;

/** The `data` of each server-sent event; its SSE `id` is the resume cursor for `Last-Event-ID`. */
export const StreamEvent = z
  .object({
    id: z.int(),
    tenant: z.string(),
    topic: z.string(),
    type: z.string(),
    subjectId: z.string(),
    data: z.json(),
    ts: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'StreamEvent' });
export type StreamEvent = z.infer<typeof StreamEvent>;

export const JobEventsPage = z
  .object({ items: z.array(StreamEvent).describe('oldest first') })
  .meta({ id: 'JobEventsPage' });
export type JobEventsPage = z.infer<typeof JobEventsPage>;
