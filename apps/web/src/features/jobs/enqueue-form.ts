import { EnqueueJobRequest } from '@execops/contract';
import { fromDateTimeInputValue, type TimeZoneMode } from '../../time/format-timestamp.ts';

export interface EnqueueFormValues {
  jobType: string;
  queue: string;
  payload: string;
  priority: number | string;
  maxAttempts: number | string;
  idempotencyKey: string;
  runAt: string;
}

export type EnqueueFormField = keyof EnqueueFormValues;
export type EnqueueFormErrors = Partial<Record<EnqueueFormField, string>>;

export const EMPTY_ENQUEUE_FORM: EnqueueFormValues = {
  jobType: '',
  queue: '',
  payload: '{}',
  priority: 0,
  maxAttempts: 5,
  idempotencyKey: '',
  runAt: '',
};

const FIELDS = Object.keys(EMPTY_ENQUEUE_FORM) as EnqueueFormField[];
const isField = (key: PropertyKey | undefined): key is EnqueueFormField => FIELDS.some((field) => field === key);

const optionalText = (value: string) => value.trim() || undefined;
const optionalNumber = (value: number | string) => (value === '' ? undefined : Number(value));

export type EnqueueFormResult = { ok: true; request: EnqueueJobRequest } | { ok: false; errors: EnqueueFormErrors };

/** Checks the form with the same schema the server uses, so most mistakes are caught before the request. */
export function parseEnqueueForm(values: EnqueueFormValues, mode: TimeZoneMode): EnqueueFormResult {
  let payload: unknown;
  try {
    payload = JSON.parse(values.payload);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'not JSON';
    return { ok: false, errors: { payload: `Payload must be valid JSON: ${reason}` } };
  }
  const runAt = fromDateTimeInputValue(values.runAt, mode);
  if (values.runAt && !runAt) return { ok: false, errors: { runAt: 'Not a valid date and time' } };

  const parsed = EnqueueJobRequest.safeParse({
    jobType: values.jobType.trim(),
    queue: optionalText(values.queue),
    payload,
    priority: optionalNumber(values.priority),
    maxAttempts: optionalNumber(values.maxAttempts),
    idempotencyKey: optionalText(values.idempotencyKey),
    runAt,
  });
  if (parsed.success) return { ok: true, request: parsed.data };

  const errors: EnqueueFormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (isField(field)) errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
