import { z } from 'zod';
import type { Scope } from './auth.ts';
import { AnalyzerRunOutcome, ScanComparisonCounts, ScanTrigger } from './scanner-scans.ts';

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

/**
 * The scope a token needs to receive a topic's events; topics not listed need `jobs:read`.
 * The events route leaves out the topics a token cannot read.
 */
const TOPIC_SCOPES: Readonly<Record<string, Scope>> = { scans: 'scanner:read' };

/** `scans:<id>` → `scanner:read`. */
export function topicScope(topic: string): Scope {
  return TOPIC_SCOPES[topic.split(':', 1)[0] as string] ?? 'jobs:read';
}

/** Every scope that reads some topic: any of them opens the event stream (on the topics it reads). */
export const STREAM_SCOPES: readonly [Scope, ...Scope[]] = ['jobs:read', ...new Set(Object.values(TOPIC_SCOPES))];

// ── Scans (topic `scans`, subject = scan id) ────────────────────────────────────────────────────────────────

export const SCANS_TOPIC = 'scans';

const finished = z.object({ error: z.string().nullable().describe('why the scan failed, when it did') });

/** Each change of a scan, written in the transaction that makes it; `data` by type. */
export const ScanEventBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('scan.created'),
    data: z.object({ targetName: z.string(), trigger: ScanTrigger, analyzers: z.array(z.string()) }),
  }),
  z.object({ type: z.literal('scan.started'), data: z.object({}) }),
  z.object({ type: z.literal('scan.resolved'), data: z.object({ format: z.string(), files: z.int(), bytes: z.int() }) }),
  z.object({
    type: z.literal('scan.analyzer_finished'),
    data: z.object({
      analyzer: z.string(),
      outcome: AnalyzerRunOutcome,
      components: z.int().nullable(),
      durationMs: z.int().nullable(),
      cacheHit: z.boolean(),
    }),
  }),
  z.object({ type: z.literal('scan.matched'), data: z.object({ components: z.int(), findings: z.int() }) }),
  z.object({ type: z.literal('scan.reported'), data: z.object({ bytes: z.int() }) }),
  z.object({ type: z.literal('scan.compared'), data: ScanComparisonCounts }),
  z.object({ type: z.literal('scan.succeeded'), data: finished }),
  z.object({ type: z.literal('scan.partial'), data: finished }),
  z.object({ type: z.literal('scan.failed'), data: finished }),
  z.object({ type: z.literal('scan.canceled'), data: finished }),
  z.object({
    type: z.literal('scan.resumed'),
    data: z
      .object({ jobId: z.string(), replayOf: z.string(), jobType: z.string() })
      .describe('a failed scan runs again: an operator replayed one of its steps (jobId, a replay of replayOf)'),
  }),
]);
export type ScanEventBody = z.infer<typeof ScanEventBody>;
export type ScanEventType = ScanEventBody['type'];

export const ScanEvent = z
  .intersection(z.object({ id: z.int(), subjectId: z.string().describe('the scan id'), ts: z.iso.datetime({ offset: true }) }), ScanEventBody)
  .meta({ id: 'ScanEvent' });
export type ScanEvent = z.infer<typeof ScanEvent>;

export const ScanTimeline = z.object({ items: z.array(ScanEvent).describe('oldest first') }).meta({ id: 'ScanTimeline' });
export type ScanTimeline = z.infer<typeof ScanTimeline>;
