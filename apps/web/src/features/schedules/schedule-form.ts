import {
  CreateScheduleRequest,
  type MisfirePolicy,
  type OverlapPolicy,
  type Schedule,
  type ScheduledJob,
  type ScheduleTarget,
  type UpdateScheduleRequest,
} from '@execops/contract';
import type { z } from 'zod';

export type TargetKind = ScheduleTarget['kind'];

/** The editor as typed: numbers and JSON stay text until they are checked. */
export interface ScheduleDraft {
  name: string;
  description: string;
  cron: string;
  timezone: string;
  misfirePolicy: MisfirePolicy;
  maxCatchUp: string;
  overlapPolicy: OverlapPolicy;
  targetKind: TargetKind;
  jobType: string;
  queue: string;
  priority: string;
  payload: string;
  nodes: string;
  /** The edited schedule's job, so the fields the editor does not show (maxAttempts, tags, …) are kept. */
  baseJob: ScheduledJob | undefined;
}

export type ScheduleDraftField = Exclude<keyof ScheduleDraft, 'baseJob'>;
export type ScheduleFieldErrors = Partial<Record<ScheduleDraftField, string>>;

export type ParsedSchedule = { ok: true; value: CreateScheduleRequest } | { ok: false; errors: ScheduleFieldErrors };

const NODES_EXAMPLE = [
  { key: 'extract', job: { jobType: 'export.extract' } },
  { key: 'load', job: { jobType: 'export.load' }, dependsOn: ['extract'] },
];

export const EMPTY_SCHEDULE_DRAFT: ScheduleDraft = {
  name: '',
  description: '',
  cron: '',
  timezone: 'UTC',
  misfirePolicy: 'skip',
  maxCatchUp: '10',
  overlapPolicy: 'allow',
  targetKind: 'job',
  jobType: '',
  queue: '',
  priority: '',
  payload: '{}',
  nodes: JSON.stringify(NODES_EXAMPLE, null, 2),
  baseJob: undefined,
};

export function draftOfSchedule(schedule: Schedule): ScheduleDraft {
  const job = schedule.target.kind === 'job' ? schedule.target.job : undefined;
  return {
    name: schedule.name,
    description: schedule.description,
    cron: schedule.cron,
    timezone: schedule.timezone,
    misfirePolicy: schedule.misfirePolicy,
    maxCatchUp: String(schedule.maxCatchUp),
    overlapPolicy: schedule.overlapPolicy,
    targetKind: schedule.target.kind,
    jobType: job?.jobType ?? '',
    queue: job?.queue ?? '',
    priority: job?.priority === undefined ? '' : String(job.priority),
    payload: job?.payload === undefined ? '' : JSON.stringify(job.payload, null, 2),
    nodes: schedule.target.kind === 'pipeline' ? JSON.stringify(schedule.target.pipeline.nodes, null, 2) : EMPTY_SCHEDULE_DRAFT.nodes,
    baseJob: job,
  };
}

type JsonResult = { ok: true; value: unknown } | { ok: false; message: string };

function parseJson(text: string, what: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `${what} must be valid JSON: ${error instanceof Error ? error.message : 'not JSON'}` };
  }
}

/** Empty is "not set"; anything else must read as a number, or it stays text for the schema to refuse. */
function optionalNumber(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

/** The issue's draft field: `target.job.payload` → payload, anything under `target.pipeline` → nodes. */
function fieldOf(path: readonly PropertyKey[]): ScheduleDraftField | undefined {
  const [first, second, third] = path;
  if (first === 'target') {
    if (second === 'pipeline') return 'nodes';
    if (second === 'job' && (third === 'jobType' || third === 'queue' || third === 'priority' || third === 'payload')) return third;
    return 'jobType';
  }
  if (first === 'name' || first === 'description' || first === 'cron' || first === 'timezone' || first === 'maxCatchUp') return first;
  return undefined;
}

function message(issue: z.core.$ZodIssue, field: ScheduleDraftField): string {
  if (field === 'nodes') return `node ${issue.path.slice(3).join('.') || 'list'}: ${issue.message}`;
  if (issue.code === 'invalid_type' && (field === 'priority' || field === 'maxCatchUp')) return 'A whole number';
  if (issue.code === 'too_small') return issue.origin === 'string' ? 'Required' : `At least ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `At most ${String(issue.maximum)}`;
  return issue.message;
}

function targetOf(draft: ScheduleDraft, errors: ScheduleFieldErrors): unknown {
  if (draft.targetKind === 'pipeline') {
    const nodes = parseJson(draft.nodes, 'Nodes');
    if (!nodes.ok) errors.nodes = nodes.message;
    return { kind: 'pipeline', pipeline: { nodes: nodes.ok ? nodes.value : [] } };
  }
  // Empty is "no payload" (the server's default, {}).
  const payload: JsonResult = draft.payload.trim() === '' ? { ok: true, value: undefined } : parseJson(draft.payload, 'Payload');
  if (!payload.ok) errors.payload = payload.message;
  const job: Record<string, unknown> = { ...draft.baseJob, jobType: draft.jobType.trim(), payload: payload.ok ? payload.value : undefined };
  job.queue = draft.queue.trim() || undefined;
  job.priority = optionalNumber(draft.priority);
  return { kind: 'job', job };
}

/** The create request the draft stands for, checked with the contract's own schema; errors keyed by field. */
export function parseScheduleDraft(draft: ScheduleDraft): ParsedSchedule {
  const errors: ScheduleFieldErrors = {};
  const candidate = {
    name: draft.name.trim(),
    description: draft.description.trim() || undefined,
    cron: draft.cron.trim(),
    timezone: draft.timezone.trim() || undefined,
    misfirePolicy: draft.misfirePolicy,
    maxCatchUp: draft.misfirePolicy === 'fire_all' ? optionalNumber(draft.maxCatchUp) : undefined,
    overlapPolicy: draft.overlapPolicy,
    target: targetOf(draft, errors),
  };
  const parsed = CreateScheduleRequest.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      if (field && errors[field] === undefined) errors[field] = message(issue, field);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, value: parsed.data };
}

/** JSON with object keys sorted, so equal values compare equal whatever order their keys were written in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

const UPDATABLE = ['name', 'description', 'cron', 'timezone', 'misfirePolicy', 'maxCatchUp', 'overlapPolicy', 'target'] as const;

/** Only what differs from the saved schedule; empty when nothing changed. */
export function changesOf(schedule: Schedule, request: CreateScheduleRequest): UpdateScheduleRequest {
  const saved: Record<(typeof UPDATABLE)[number], unknown> = {
    name: schedule.name,
    description: schedule.description,
    cron: schedule.cron,
    timezone: schedule.timezone,
    misfirePolicy: schedule.misfirePolicy,
    maxCatchUp: schedule.maxCatchUp,
    overlapPolicy: schedule.overlapPolicy,
    target: schedule.target,
  };
  const next: Record<(typeof UPDATABLE)[number], unknown> = {
    ...request,
    description: request.description ?? '',
    timezone: request.timezone ?? 'UTC',
    misfirePolicy: request.misfirePolicy ?? 'skip',
    maxCatchUp: request.maxCatchUp ?? schedule.maxCatchUp,
    overlapPolicy: request.overlapPolicy ?? 'allow',
  };
  const changes: Record<string, unknown> = {};
  for (const key of UPDATABLE) {
    if (canonicalJson(saved[key]) !== canonicalJson(next[key])) changes[key] = next[key];
  }
  return changes as UpdateScheduleRequest;
}
