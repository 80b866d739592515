import type { Schedule } from '@execops/contract';
import { describe, expect, it } from 'vitest';
import { changesOf, draftOfSchedule, EMPTY_SCHEDULE_DRAFT, parseScheduleDraft, type ScheduleDraft } from '../src/features/schedules/schedule-form.ts';
import { RunsSearchSchema, toRunsQuery } from '../src/features/runs/runs-search.ts';

const draft = (fields: Partial<ScheduleDraft>): ScheduleDraft => ({ ...EMPTY_SCHEDULE_DRAFT, name: 'nightly', cron: '30 2 * * *', jobType: 'export.nightly', ...fields });

const saved: Schedule = {
  id: '01a23763-05f2-703f-8f3b-e2768e511b3e',
  tenant: 'default',
  name: 'nightly',
  description: '',
  cron: '30 2 * * *',
  timezone: 'Europe/Berlin',
  label: 'At 02:30 (Europe/Berlin)',
  enabled: true,
  paused: false,
  target: { kind: 'job', job: { jobType: 'export.nightly', maxAttempts: 3 } },
  misfirePolicy: 'fire_all',
  maxCatchUp: 4,
  overlapPolicy: 'skip',
  nextFireAt: '2026-12-03T01:30:00.000Z',
  lastFireAt: null,
  createdAt: '2026-12-02T15:00:00.000Z',
  updatedAt: '2026-12-02T15:00:00.000Z',
};

describe('schedule form', () => {
  it('builds the create request of a job target, numbers and JSON read from text', () => {
    expect(parseScheduleDraft(draft({ timezone: 'Europe/Berlin', priority: ' -5 ', queue: 'exports', payload: '{"day": 1}' }))).toEqual({
      ok: true,
      value: {
        name: 'nightly',
        cron: '30 2 * * *',
        timezone: 'Europe/Berlin',
        misfirePolicy: 'skip',
        overlapPolicy: 'allow',
        target: { kind: 'job', job: { jobType: 'export.nightly', queue: 'exports', priority: -5, payload: { day: 1 } } },
      },
    });
  });

  it('names the field of each refusal', () => {
    const parsed = parseScheduleDraft(draft({ name: 'bad name', cron: '', jobType: '', payload: '{"day": ', priority: 'soon', misfirePolicy: 'fire_all', maxCatchUp: '0' }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.payload).toMatch(/^Payload must be valid JSON/);
    expect(parsed.errors.name).toMatch(/letters, digits/);
    expect(parsed.errors.cron).toBe('Required');
    expect(parsed.errors.jobType).toMatch(/^jobType must start with a letter/);
    expect(parsed.errors.priority).toBe('A whole number');
    expect(parsed.errors.maxCatchUp).toBe('At least 1');
  });

  it('checks pipeline nodes with the contract and says which node is wrong', () => {
    const parsed = parseScheduleDraft(draft({ targetKind: 'pipeline', nodes: '[{"key": "a", "job": {}}]' }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.nodes).toMatch(/^node 0\.job\.jobType: /);
    expect(parseScheduleDraft(draft({ targetKind: 'pipeline' })).ok).toBe(true);
  });

  it('sends only what changed, and keeps the job fields the editor does not show', () => {
    const unchanged = parseScheduleDraft(draftOfSchedule(saved));
    expect(unchanged.ok && changesOf(saved, unchanged.value)).toEqual({});
    const edited = parseScheduleDraft({ ...draftOfSchedule(saved), cron: '*/15 * * * *', payload: '{"day": 2}' });
    expect(edited.ok && changesOf(saved, edited.value)).toEqual({
      cron: '*/15 * * * *',
      target: { kind: 'job', job: { jobType: 'export.nightly', maxAttempts: 3, payload: { day: 2 } } },
    });
  });

  it('reads the runs URL: known triggers and states only, kept as the API lists them', () => {
    const search = RunsSearchSchema.parse({ state: 'queued,sleeping,running', trigger: 'manual', scheduleId: ' ', createdAfter: 'yesterday' });
    expect(search).toMatchObject({ state: 'queued,running', trigger: 'manual', scheduleId: undefined, createdAfter: undefined });
    expect(toRunsQuery(search)).toEqual({ state: ['queued', 'running'], trigger: ['manual'] });
  });
});
