import type { ArchiveErrorCode } from '../archive/read-tar.ts';

export type TargetErrorCode = ArchiveErrorCode | 'not_found' | 'not_an_archive' | 'invalid_image';

/** Why a target could not be resolved; `code` is stable for callers (a scan's error, an HTTP 422). */
export class TargetError extends Error {
  constructor(
    readonly code: TargetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TargetError';
  }
}
