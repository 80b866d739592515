import type { KitRejectionCode } from '@execops/contract';

/** A refused import: the quarantine row written for it, with the reason. */
export class KitRejectedError extends Error {
  override name = 'KitRejectedError';
  constructor(
    readonly quarantineId: string,
    readonly code: KitRejectionCode,
    message: string,
  ) {
    super(message);
  }
}

export class KitNotFoundError extends Error {
  override name = 'KitNotFoundError';
}

/** Rollback with no previous kit, export with no active feed, a version not above the active one, a duplicate key. */
export class KitConflictError extends Error {
  override name = 'KitConflictError';
}

export class TrustKeyNotFoundError extends Error {
  override name = 'TrustKeyNotFoundError';
}
