import { CreateQuotaRequest, UpdateQuotaRequest, type Quota } from '@execops/contract';
import type { z } from 'zod';

export const LIMIT_FIELDS = ['maxActive', 'maxPerHour', 'burst', 'refillPerSecond'] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];

/** The form as typed: text per limit, empty meaning "no limit". */
export interface QuotaDraft {
  jobType: string;
  limits: Record<LimitField, string>;
  paused: boolean;
}

export type QuotaDraftField = 'jobType' | 'paused' | LimitField;
export type QuotaFieldErrors = Partial<Record<'jobType' | LimitField, string>>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: QuotaFieldErrors };

export const EMPTY_DRAFT: QuotaDraft = { jobType: '', limits: { maxActive: '', maxPerHour: '', burst: '', refillPerSecond: '' }, paused: false };

export function draftOf(quota: Quota): QuotaDraft {
  const text = (value: number | null) => (value === null ? '' : String(value));
  return {
    jobType: quota.jobType,
    limits: { maxActive: text(quota.maxActive), maxPerHour: text(quota.maxPerHour), burst: text(quota.burst), refillPerSecond: text(quota.refillPerSecond) },
    paused: quota.paused,
  };
}

/** Empty text is null (no limit); anything else must read as a number, or it is kept as text for the schema to refuse. */
function toLimit(text: string): number | null | string {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

function limitsOf(draft: QuotaDraft) {
  return Object.fromEntries(LIMIT_FIELDS.map((field) => [field, toLimit(draft.limits[field])]));
}

function message(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.path[0] === 'refillPerSecond' ? 'A number, or empty for no limit' : 'A whole number, or empty for no limit';
    case 'too_small':
      return issue.inclusive === false ? `Greater than ${String(issue.minimum)}` : `At least ${String(issue.minimum)}`;
    case 'too_big':
      return `At most ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

function fieldErrors(error: z.ZodError): QuotaFieldErrors {
  const errors: QuotaFieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if ((field === 'jobType' || LIMIT_FIELDS.includes(field as LimitField)) && errors[field as keyof QuotaFieldErrors] === undefined) {
      errors[field as keyof QuotaFieldErrors] = message(issue);
    }
  }
  return errors;
}

function validate<T>(schema: z.ZodType<T>, input: unknown): Validated<T> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

/** The create request the draft stands for, checked by the contract's own schema. */
export function toCreateRequest(draft: QuotaDraft): Validated<CreateQuotaRequest> {
  return validate(CreateQuotaRequest, { jobType: draft.jobType.trim(), paused: draft.paused, ...limitsOf(draft) });
}

export function toUpdateRequest(draft: QuotaDraft): Validated<UpdateQuotaRequest> {
  return validate(UpdateQuotaRequest, limitsOf(draft));
}
