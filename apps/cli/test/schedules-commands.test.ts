import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Run, RunPage, Schedule, SchedulePreview } from '@execops/contract';
import { TEST_ADMIN_TOKEN } from '@execops/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, useLiveApi } from './support/live-api.ts';

const live = useLiveApi();
const execops = (...args: string[]) => runCli(live.server, ...args);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'execops-cli-schedules-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scheduleFile(body: object): Promise<string> {
  const file = path.join(dir, `schedule-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(body));
  return file;
}

/** Through the API directly: each CLI call starts a process, so tests only spend them on the commands they test. */
async function createSchedule(name: string): Promise<Schedule> {
  const response = await fetch(`${live.server}/api/v1/schedules`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-operator-reason': 'cli test', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    body: JSON.stringify({ name, cron: '0 0 1 1 *', target: { kind: 'job', job: { jobType: `${name}.job` } } }),
  });
  return Schedule.parse(await response.json());
}

// Every CLI call is a process start (tsx compiling the sources), seconds each on a busy machine.
const SLOW = 90_000;

describe('execops schedules and runs', () => {
  it('creates a schedule from a file, lists, gets and previews it', { timeout: SLOW }, async () => {
    const file = await scheduleFile({ name: 'cli-nightly', cron: '30 2 * * *', timezone: 'Europe/Berlin', target: { kind: 'job', job: { jobType: 'cli.nightly' } } });
    const created = await execops('schedules', 'create', '--file', file, '--reason', 'nightly export', '--ticket', 'OPS-1', '--json');
    expect(created.code, created.stderr).toBe(0);
    const schedule = Schedule.parse(JSON.parse(created.stdout));
    expect(schedule.label).toBe('At 02:30 (Europe/Berlin)');

    const listed = await execops('schedules', 'list', '--text', 'cli-nightly');
    expect(listed.stdout).toMatch(new RegExp(`${schedule.id}\\s+cli-nightly\\s+30 2 \\* \\* \\*\\s+Europe/Berlin\\s+enabled`));
    expect((await execops('schedules', 'get', schedule.id)).stdout).toContain('misfire skip (max catch-up 10), overlap allow');

    const saved = SchedulePreview.parse(JSON.parse((await execops('schedules', 'preview', schedule.id, '--json')).stdout));
    expect(saved.fires).toHaveLength(10);
    const unsaved = await execops('schedules', 'preview', '--cron', '0 9 * * 1-5', '--timezone', 'America/New_York');
    expect(unsaved.stdout.split('\n')[0]).toBe('At 09:00, Monday through Friday (America/New_York)');
    expect(unsaved.stdout).toMatch(/ 09:00:00 -0[45]:00/);
  });

  it('triggers a manual run, lists, gets and cancels it', { timeout: SLOW }, async () => {
    const schedule = await createSchedule('cli-runs');
    const triggered = await execops('schedules', 'trigger', schedule.id, '--reason', 'rerun for customer', '--json');
    const run = Run.parse(JSON.parse(triggered.stdout));
    expect(run).toMatchObject({ trigger: 'manual', state: 'queued', scheduleId: schedule.id });
    const runs = RunPage.parse(JSON.parse((await execops('runs', 'list', '--schedule', schedule.id, '--state', 'queued', '--json')).stdout));
    expect(runs.items.map((r) => r.id)).toEqual([run.id]);
    expect((await execops('runs', 'get', run.id)).stdout).toContain(`run ${run.id}  queued  manual of cli-runs`);
    const canceled = await execops('runs', 'cancel', run.id, '--reason', 'not needed');
    expect(canceled.stdout).toContain('canceled 1 job(s)');
    expect(canceled.stdout).toContain('cancelled');
  });

  it('pauses, refuses a second pause with the traceId, resumes and deletes', { timeout: SLOW }, async () => {
    const schedule = await createSchedule('cli-pause');
    expect((await execops('schedules', 'pause', schedule.id, '--reason', 'freeze')).stdout).toContain('paused cli-pause');
    const again = await execops('schedules', 'pause', schedule.id, '--reason', 'freeze');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/schedule cli-pause is already paused \(conflict, HTTP 409, traceId [0-9a-f]+\)/);
    expect((await execops('schedules', 'resume', schedule.id, '--reason', 'thaw')).stdout).toContain('resumed cli-pause');
    expect((await execops('schedules', 'delete', schedule.id, '--reason', 'retired')).stdout).toContain('deleted cli-pause');
    expect((await execops('schedules', 'get', schedule.id)).code).toBe(1);
  });

  it('reports a bad cron or time zone with the field, and needs a reason for changes', { timeout: SLOW }, async () => {
    const bad = await execops('schedules', 'preview', '--cron', '* * *');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('cron: "* * *" has 3 fields; use 5 (minute hour day-of-month month day-of-week) or 6 (second first) (validation_failed, HTTP 422, traceId');
    const zone = await execops('schedules', 'create', '--reason', 'x', '--file', await scheduleFile({ name: 'tz', cron: '* * * * *', timezone: 'Moon/Base', target: { kind: 'job', job: { jobType: 'x' } } }));
    expect(zone.stderr).toContain('timezone: "Moon/Base" is not a known IANA time zone');
    const noReason = await execops('schedules', 'trigger', '0190b5a0-0000-7000-8000-000000000000');
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toContain("required option '--reason <text>' not specified");
  });
});
