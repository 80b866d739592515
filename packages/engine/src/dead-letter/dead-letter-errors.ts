import { DEAD_LETTER_BULK_MAX_MATCHES } from '@execops/contract';

export class DeadLetterNotFoundError extends Error {
  constructor(readonly entryId: string) {
    super(`dead-letter entry ${entryId} was not found`);
    this.name = 'DeadLetterNotFoundError';
  }
}

/** The entry's status (or its job being pruned) does not allow the action. */
export class DeadLetterConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadLetterConflictError';
  }
}

export class TooManyEntriesError extends Error {
  constructor(readonly limit: number = DEAD_LETTER_BULK_MAX_MATCHES) {
    super(`the filter matches more than ${limit} dead-letter entries; narrow it (for example by job type, cluster or time window) and repeat`);
    this.name = 'TooManyEntriesError';
  }
}
