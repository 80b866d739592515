/** The lease is expired, reassigned or the job is no longer running: the worker must stop working on it. */
export class LeaseLostError extends Error {
  constructor(readonly jobId: string, readonly leaseId: string) {
    super(`lease ${leaseId} on job ${jobId} is no longer held`);
    this.name = 'LeaseLostError';
  }
}

export class JobNotFoundError extends Error {
  constructor(readonly jobId: string) {
    super(`job ${jobId} was not found`);
    this.name = 'JobNotFoundError';
  }
}

export class JobStateConflictError extends Error {
  constructor(readonly jobId: string, readonly state: string, action: string) {
    super(`cannot ${action} job ${jobId}: it is ${state}`);
    this.name = 'JobStateConflictError';
  }
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this server issued; drop it to start from the first page');
    this.name = 'InvalidCursorError';
  }
}

export class PayloadTooLargeError extends Error {
  constructor(readonly bytes: number, readonly limit: number) {
    super(`payload is ${bytes} bytes; the limit is ${limit} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

export class TooManyJobsError extends Error {
  constructor(readonly limit: number) {
    super(`the filter matches more than ${limit} jobs; narrow it (for example by state, type or time window) and repeat`);
    this.name = 'TooManyJobsError';
  }
}
