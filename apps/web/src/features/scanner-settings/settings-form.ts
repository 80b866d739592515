import { ScannerSettingsInput, SettingsFieldError, type ScannerSettings } from '@execops/contract';
import { z } from 'zod';
import { ApiError } from '../../api/client.ts';

export type SettingsField = keyof ScannerSettingsInput;
export type SettingsErrors = Partial<Record<SettingsField, string>>;

/** The editable part of the settings as the form holds them (numbers may be empty while typing). */
export interface SettingsDraft {
  concurrency: number | '';
  analyzerTimeoutSeconds: number | '';
  maxTargetBytes: number | '';
  enabledAnalyzers: string[];
  feedStalenessDays: number | '';
  deterministicOutput: boolean;
}

export function draftOf(settings: ScannerSettings): SettingsDraft {
  const { concurrency, analyzerTimeoutSeconds, maxTargetBytes, enabledAnalyzers, feedStalenessDays, deterministicOutput } = settings;
  return { concurrency, analyzerTimeoutSeconds, maxTargetBytes, enabledAnalyzers: [...enabledAnalyzers], feedStalenessDays, deterministicOutput };
}

const isField = (key: unknown): key is SettingsField => typeof key === 'string' && key in ScannerSettingsInput.shape;

/** The first message per field, from the contract's own rules (what the server answers 422 for). */
export function validateDraft(draft: SettingsDraft): { ok: true; value: ScannerSettingsInput } | { ok: false; errors: SettingsErrors } {
  const parsed = ScannerSettingsInput.safeParse(draft);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: SettingsErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (isField(field) && errors[field] === undefined) errors[field] = draftMessage(draft, field, issue.message);
  }
  return { ok: false, errors };
}

/** An emptied number field reads "required", not zod's "expected number, received string". */
function draftMessage(draft: SettingsDraft, field: SettingsField, message: string): string {
  return draft[field] === '' ? `${field} is required` : message;
}

const FieldErrors = z.object({ fields: z.array(SettingsFieldError) });

/** The server's 422 field by field (`details.fields`), to show at the fields. */
export function serverFieldErrors(error: unknown): SettingsErrors {
  if (!(error instanceof ApiError)) return {};
  const parsed = FieldErrors.safeParse(error.details);
  const errors: SettingsErrors = {};
  for (const { field, message } of parsed.data?.fields ?? []) {
    if (isField(field)) errors[field] = message;
  }
  const single = error.field;
  if (isField(single) && errors[single] === undefined) errors[single] = error.message;
  return errors;
}
