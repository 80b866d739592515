import { Cron } from 'croner';
import cronstrue from 'cronstrue';
import { PREVIEW_FIRES, type SchedulePreview } from '@execops/contract';
import { ScheduleValidationError } from './schedule-errors.ts';

export const DEFAULT_TIMEZONE = 'UTC';

/**
 * A validated cron expression in an IANA zone. Fire times come from croner, which walks wall-clock time in the
 * zone: on a spring-forward day a slot inside the skipped hour (02:30 in Europe/Berlin) fires once, at the
 * instant the clocks jump (03:00 local); on a fall-back day a slot inside the repeated hour fires once, at its
 * first occurrence (summer time). Interval fields (every 30 minutes) keep stepping in real time through both.
 */
export class CronSchedule {
  private readonly cron: Cron;

  private constructor(
    readonly expression: string,
    readonly timezone: string,
  ) {
    this.cron = new Cron(expression, { timezone, paused: true });
  }

  /** Throws `ScheduleValidationError` naming the field (`cron` or `timezone`) and the problem. */
  static parse(expression: string, timezone: string = DEFAULT_TIMEZONE): CronSchedule {
    assertTimeZone(timezone);
    const fields = expression.trim().split(/\s+/).filter(Boolean);
    if (fields.length !== 5 && fields.length !== 6) {
      throw new ScheduleValidationError(
        'cron',
        `"${expression}" has ${fields.length} field${fields.length === 1 ? '' : 's'}; use 5 (minute hour day-of-month month day-of-week) or 6 (second first)`,
      );
    }
    let schedule: CronSchedule;
    try {
      schedule = new CronSchedule(fields.join(' '), timezone);
    } catch (error) {
      const detail = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
      throw new ScheduleValidationError('cron', `"${expression}" is not a valid cron expression: ${detail}`);
    }
    if (!schedule.next(new Date())) throw new ScheduleValidationError('cron', `"${expression}" never fires (no date matches it)`);
    return schedule;
  }

  /** The first fire strictly after `after`, or null when there is none. */
  next(after: Date): Date | null {
    return this.cron.nextRun(after);
  }

  /** Up to `count` fires strictly after `after`, ascending. */
  nextFires(count: number, after: Date): Date[] {
    return this.cron.nextRuns(count, after);
  }

  /** Up to `count` fires strictly before `before`, ascending. */
  previousFires(count: number, before: Date): Date[] {
    return this.cron.previousRuns(count, before).reverse();
  }

  label(): string {
    try {
      return `${cronstrue.toString(this.expression, { use24HourTimeFormat: true, verbose: false })} (${this.timezone})`;
    } catch {
      return `${this.expression} (${this.timezone})`;
    }
  }

  /** "2026-03-29 03:00:00 +02:00": the wall-clock time of `at` in this zone. */
  local(at: Date): string {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: this.timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        timeZoneName: 'longOffset',
      })
        .formatToParts(at)
        .map((p) => [p.type, p.value]),
    );
    const offset = (parts.timeZoneName ?? 'GMT').replace(/^GMT/, '') || '+00:00';
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${offset}`;
  }

  preview(from: Date, count = PREVIEW_FIRES): SchedulePreview {
    return {
      cron: this.expression,
      timezone: this.timezone,
      label: this.label(),
      fires: this.nextFires(count, from).map((at) => ({ at: at.toISOString(), local: this.local(at) })),
    };
  }
}

function assertTimeZone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new ScheduleValidationError('timezone', `"${timezone}" is not a known IANA time zone; use a name such as Europe/Berlin or UTC`);
  }
}
