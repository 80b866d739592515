import { describe, expect, it } from 'vitest';
import { CronSchedule } from '../../src/scheduler/cron.ts';
import { planFires } from '../../src/scheduler/misfire.ts';
import { ScheduleValidationError } from '../../src/scheduler/schedule-errors.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const at = (text: string) => new Date(text);

describe('cron fire times in a time zone', () => {
  it('fires a daily 02:30 Berlin schedule once on the spring-forward day, when the clocks jump to 03:00', () => {
    const cron = CronSchedule.parse('30 2 * * *', 'Europe/Berlin');
    const fires = cron.nextFires(3, at('2026-03-28T00:00:00Z'));
    expect(iso(fires)).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    expect(fires.map((d) => cron.local(d))).toEqual([
      '2026-03-28 02:30:00 +01:00',
      '2026-03-29 03:00:00 +02:00',
      '2026-03-30 02:30:00 +02:00',
    ]);
  });

  it('fires a daily 02:30 Berlin schedule once on the fall-back day, in the first (summer-time) 02:30', () => {
    const cron = CronSchedule.parse('30 2 * * *', 'Europe/Berlin');
    const fires = cron.nextFires(3, at('2026-10-24T00:00:00Z'));
    expect(iso(fires)).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    expect(cron.local(fires[1] as Date)).toBe('2026-10-25 02:30:00 +02:00');
  });

  it('keeps an interval schedule stepping in real time through the repeated hour', () => {
    const cron = CronSchedule.parse('*/30 * * * *', 'Europe/Berlin');
    const fires = cron.nextFires(5, at('2026-10-25T00:10:00Z'));
    expect(iso(fires)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T01:30:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T02:30:00.000Z',
    ]);
    expect(fires.map((d) => cron.local(d))).toEqual([
      '2026-10-25 02:30:00 +02:00',
      '2026-10-25 02:00:00 +01:00',
      '2026-10-25 02:30:00 +01:00',
      '2026-10-25 03:00:00 +01:00',
      '2026-10-25 03:30:00 +01:00',
    ]);
  });

  it('fires on New York wall-clock time across its own DST change', () => {
    const cron = CronSchedule.parse('0 9 * * 1-5', 'America/New_York');
    expect(iso(cron.nextFires(2, at('2026-03-06T00:00:00Z')))).toEqual(['2026-03-06T14:00:00.000Z', '2026-03-09T13:00:00.000Z']);
  });

  it('takes 6 fields with seconds first, and previews 10 fires with a label', () => {
    const preview = CronSchedule.parse('*/15 * * * * *', 'UTC').preview(at('2026-01-01T00:00:07Z'));
    expect(preview.fires).toHaveLength(10);
    expect(preview.fires.slice(0, 2)).toEqual([
      { at: '2026-01-01T00:00:15.000Z', local: '2026-01-01 00:00:15 +00:00' },
      { at: '2026-01-01T00:00:30.000Z', local: '2026-01-01 00:00:30 +00:00' },
    ]);
    expect(preview.label).toBe('Every 15 seconds (UTC)');
    expect(CronSchedule.parse('30 2 * * 1-5', 'Europe/Berlin').label()).toBe('At 02:30, Monday through Friday (Europe/Berlin)');
  });
});

describe('cron validation', () => {
  const problem = (cron: string, timezone?: string) => {
    try {
      CronSchedule.parse(cron, timezone);
    } catch (error) {
      expect(error).toBeInstanceOf(ScheduleValidationError);
      return { field: (error as ScheduleValidationError).field, message: (error as Error).message };
    }
    throw new Error(`${cron} was accepted`);
  };

  it('names the field and the problem', () => {
    expect(problem('* * * *')).toEqual({
      field: 'cron',
      message: 'cron: "* * * *" has 4 fields; use 5 (minute hour day-of-month month day-of-week) or 6 (second first)',
    });
    expect(problem('0 0 0 * * * *').message).toContain('has 7 fields');
    expect(problem('61 * * * *')).toEqual({ field: 'cron', message: 'cron: "61 * * * *" is not a valid cron expression: Invalid value for minute: 61' });
    expect(problem('0 0 30 2 *')).toEqual({ field: 'cron', message: 'cron: "0 0 30 2 *" never fires (no date matches it)' });
    expect(problem('* * * * *', 'Mars/Olympus')).toEqual({
      field: 'timezone',
      message: 'timezone: "Mars/Olympus" is not a known IANA time zone; use a name such as Europe/Berlin or UTC',
    });
  });
});

describe('misfire policies', () => {
  const cron = CronSchedule.parse('*/10 * * * *', 'UTC');
  const base = { cron, maxCatchUp: 3, graceMs: 60_000 };
  // Down from 00:05 to 01:00:30: slots 00:10 … 00:50 were missed, 01:00 is within the grace period.
  const downtime = { nextFireAt: at('2026-01-01T00:10:00Z'), now: at('2026-01-01T01:00:30Z') };

  it('skip fires only the on-time slot and moves to the next future slot', () => {
    const plan = planFires({ ...base, ...downtime, policy: 'skip' });
    expect(iso(plan.fires)).toEqual(['2026-01-01T01:00:00.000Z']);
    expect(plan.dropped).toBe(5);
    expect(plan.nextFireAt?.toISOString()).toBe('2026-01-01T01:10:00.000Z');
  });

  it('fire_once fires one run for the missed slots (the latest) plus the on-time one', () => {
    const plan = planFires({ ...base, ...downtime, policy: 'fire_once' });
    expect(iso(plan.fires)).toEqual(['2026-01-01T00:50:00.000Z', '2026-01-01T01:00:00.000Z']);
    expect(plan.dropped).toBe(4);
  });

  it('fire_all fires each missed slot up to maxCatchUp (the latest ones)', () => {
    const plan = planFires({ ...base, ...downtime, policy: 'fire_all' });
    expect(iso(plan.fires)).toEqual(['2026-01-01T00:30:00.000Z', '2026-01-01T00:40:00.000Z', '2026-01-01T00:50:00.000Z', '2026-01-01T01:00:00.000Z']);
    expect(plan.dropped).toBe(2);
  });

  it('fires a slot that is only a little late whatever the policy, and nothing before it is due', () => {
    const late = planFires({ ...base, policy: 'skip', nextFireAt: at('2026-01-01T00:10:00Z'), now: at('2026-01-01T00:10:20Z') });
    expect(iso(late.fires)).toEqual(['2026-01-01T00:10:00.000Z']);
    const early = planFires({ ...base, policy: 'skip', nextFireAt: at('2026-01-01T00:10:00Z'), now: at('2026-01-01T00:09:59Z') });
    expect(early.fires).toEqual([]);
    expect(early.nextFireAt?.toISOString()).toBe('2026-01-01T00:10:00.000Z');
  });
});
