import type { SettingsFieldError } from '@execops/contract';

/** A scan, upload, baseline or analyzer that does not exist (in the tenant). */
export class ScannerNotFoundError extends Error {
  constructor(what: string) {
    super(`${what} was not found`);
    this.name = 'ScannerNotFoundError';
  }
}

/** The request is valid but the object is in the wrong state for it (e.g. promoting an unfinished scan). */
export class ScannerConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScannerConflictError';
  }
}

/** Values that break a scanner rule, each named by its field (answered 422 with `details.fields`). */
export class ScannerValidationError extends Error {
  constructor(readonly fields: readonly SettingsFieldError[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
    this.name = 'ScannerValidationError';
  }
}

/** A target or upload larger than the settings allow. */
export class TargetTooLargeError extends Error {
  constructor(readonly sizeBytes: number, readonly limitBytes: number) {
    super(`the target is larger than maxTargetBytes (${limitBytes} bytes)`);
    this.name = 'TargetTooLargeError';
  }
}
