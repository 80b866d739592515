/** A schedule field the server refuses (422): a bad cron expression or time zone. */
export class ScheduleValidationError extends Error {
  constructor(
    readonly field: 'cron' | 'timezone',
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'ScheduleValidationError';
  }
}

export class ScheduleNotFoundError extends Error {
  constructor(readonly scheduleId: string) {
    super(`schedule ${scheduleId} not found`);
    this.name = 'ScheduleNotFoundError';
  }
}

export class RunNotFoundError extends Error {
  constructor(readonly runId: string) {
    super(`run ${runId} not found`);
    this.name = 'RunNotFoundError';
  }
}

/** A change the schedule's current state refuses (409): a taken name, pausing a paused schedule. */
export class ScheduleConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleConflictError';
  }
}
