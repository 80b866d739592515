import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { apiGet, unhandledJobType } from './support/api.ts';
import { confirmOperatorDialog } from './support/operator.ts';
import { createSchedule, type RunJson, type ScheduleJson } from './support/scheduler.ts';

const SCHEDULES = '/ops/operations/scheduler/schedules';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const row = (page: Page, id: string) => page.locator(`[data-testid="schedule-row"][data-schedule-id="${id}"]`);
const drawer = (page: Page) => page.getByTestId('schedule-detail');
const utc = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

async function schedulesNamed(request: APIRequestContext, name: string): Promise<ScheduleJson[]> {
  return (await apiGet<{ items: ScheduleJson[] }>(request, `/schedules?text=${encodeURIComponent(name)}`)).items;
}

test.describe('schedules', () => {
  test('the editor refuses a bad cron and a bad time zone at their fields, previews 10 fires and creates the schedule', async ({ page, request }) => {
    test.setTimeout(60_000);
    const name = unhandledJobType('sched');
    await page.goto(SCHEDULES);
    await page.getByRole('button', { name: 'New schedule' }).click();
    const form = page.getByRole('form', { name: 'Create schedule' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Job type').fill(name);
    await form.getByLabel('Reason').fill('nightly export for the e2e test');

    // A bad cron: the server's message at the cron field; nothing can be created.
    await form.getByLabel('Cron').fill('0 25 * * *');
    await expect(form.getByText('cron: "0 25 * * *" is not a valid cron expression: Invalid value for hour: 25')).toBeVisible();
    await expect(form.getByRole('button', { name: 'Create schedule' })).toBeDisabled();
    await expect(form.getByTestId('action-blocked')).toHaveText('Fix the fields marked in red.');

    // A good cron in an unknown zone: the zone's message instead.
    await form.getByLabel('Cron').fill('30 2 * * *');
    await form.getByLabel('Time zone').fill('Mars/Olympus_Mons');
    await form.getByLabel('Name').click();
    await expect(form.getByText(/^timezone: "Mars\/Olympus_Mons" is not a known IANA time zone/)).toBeVisible();
    await expect(form.getByRole('button', { name: 'Create schedule' })).toBeDisabled();
    expect(await schedulesNamed(request, name)).toEqual([]);

    // A real zone: the label and the next 10 fires, in UTC and on Berlin's wall clock.
    await form.getByLabel('Time zone').fill('Europe/Berlin');
    await form.getByLabel('Name').click();
    await expect(form.getByTestId('fire-preview-label')).toHaveText('At 02:30 (Europe/Berlin)');
    await expect(form.getByTestId('fire-preview-row')).toHaveCount(10);
    await expect(form.getByTestId('fire-preview-row').first()).toContainText(/02:30:00 \+0[12]:00/);

    await form.getByRole('button', { name: 'Create schedule' }).click();
    await expect(form).toBeHidden();

    const [created] = await schedulesNamed(request, name);
    expect(created).toMatchObject({ name, enabled: true, paused: false });
    expect(created?.nextFireAt).not.toBeNull();
    const id = created?.id ?? '';
    // The new schedule opens in the panel (its id in the URL) and its row shows the next fire.
    await expect(page).toHaveURL((url) => url.searchParams.get('schedule') === id);
    await expect(row(page, id).getByTestId('schedule-next-fire')).toHaveText(utc(created?.nextFireAt ?? ''));
    await expect(row(page, id).getByTestId('schedule-label')).toHaveText('At 02:30 (Europe/Berlin)');
    await expect(row(page, id).getByTestId('schedule-state')).toHaveText('active');
    await expect(drawer(page).getByTestId('fire-preview-row')).toHaveCount(10);
    await expect(drawer(page).getByTestId('audit-row').first()).toContainText('schedule.create');
  });

  test('trigger now hands off to the stream page of the run it started', async ({ page, request }) => {
    const name = unhandledJobType('trigger');
    const schedule = await createSchedule(request, name, name);
    await page.goto(`${SCHEDULES}?schedule=${schedule.id}`);
    await drawer(page).getByRole('button', { name: 'Trigger now' }).click();
    await confirmOperatorDialog(page, `Trigger schedule ${name}`, 'Trigger now', 'run it now for the e2e test');

    const follow = page.getByTestId('trigger-handoff').getByRole('link', { name: 'Follow run' });
    await expect(follow).toHaveAttribute('href', new RegExp(`^/ops/operations/scheduler/runs/${UUID}/stream$`));
    const runId = /runs\/([^/]+)\/stream/.exec((await follow.getAttribute('href')) ?? '')?.[1] ?? '';
    const run = await apiGet<RunJson>(request, `/runs/${runId}`);
    expect(run).toMatchObject({ id: runId, scheduleId: schedule.id, trigger: 'manual', state: 'queued' });

    // The run is among the schedule's recent runs, linking to the same stream page.
    await expect(drawer(page).getByTestId('schedule-run')).toHaveCount(1);
    await expect(drawer(page).getByTestId('run-link')).toHaveAttribute('href', `/ops/operations/scheduler/runs/${runId}/stream`);
    await follow.click();
    await expect(page).toHaveURL(new RegExp(`/ops/operations/scheduler/runs/${runId}/stream$`));
  });

  test('pause, resume, disable and enable change the badge; delete removes the schedule', async ({ page, request }) => {
    // Six operator dialogs in a row; a guard against a loaded machine, not a timing check.
    test.setTimeout(90_000);
    const name = unhandledJobType('states');
    const schedule = await createSchedule(request, name, name);
    await page.goto(`${SCHEDULES}?text=${name}&schedule=${schedule.id}`);
    const badge = row(page, schedule.id).getByTestId('schedule-state');
    await expect(badge).toHaveText('active');

    const steps: Array<[string, string, string]> = [
      ['Pause', 'paused', 'hold it during the e2e test'],
      ['Resume', 'active', 'carry on'],
      ['Disable', 'disabled', 'retire it for a while'],
      ['Enable', 'active', 'bring it back'],
    ];
    for (const [verb, state, reason] of steps) {
      await drawer(page).getByRole('button', { name: verb, exact: true }).click();
      await confirmOperatorDialog(page, `${verb} schedule ${name}`, `${verb} schedule`, reason);
      await expect(badge).toHaveText(state);
      await expect(drawer(page).getByTestId('schedule-state')).toHaveText(state);
    }
    const saved = await apiGet<ScheduleJson>(request, `/schedules/${schedule.id}`);
    expect(saved).toMatchObject({ enabled: true, paused: false });
    await expect(row(page, schedule.id).getByTestId('schedule-next-fire')).toHaveText(utc(saved.nextFireAt ?? ''));

    // The state filter lives in the URL and selects by the derived state.
    await page.goto(`${SCHEDULES}?text=${name}&state=paused`);
    await expect(page.getByTestId('schedules-empty')).toBeVisible();
    await page.goto(`${SCHEDULES}?text=${name}&state=active&schedule=${schedule.id}`);
    await expect(row(page, schedule.id)).toBeVisible();

    await drawer(page).getByRole('button', { name: 'Delete', exact: true }).click();
    await confirmOperatorDialog(page, `Delete schedule ${name}`, 'Delete schedule', 'not needed any more');
    await expect(row(page, schedule.id)).toHaveCount(0);
    await expect(page).toHaveURL((url) => url.searchParams.get('schedule') === null);
    expect((await request.get(`/api/v1/schedules/${schedule.id}`)).status()).toBe(404);
  });

  test('edits a schedule: only the changed fields are saved, with the reason in its audit trail', async ({ page, request }) => {
    test.setTimeout(60_000);
    const name = unhandledJobType('edit');
    const schedule = await createSchedule(request, name, name);
    await page.goto(`${SCHEDULES}?schedule=${schedule.id}`);
    await drawer(page).getByRole('button', { name: 'Edit', exact: true }).click();
    const form = page.getByRole('form', { name: `Edit schedule ${name}` });
    await expect(form.getByTestId('action-blocked')).toHaveText('Nothing changed yet.');
    await form.getByLabel('Cron').fill('*/15 * * * *');
    await expect(form.getByTestId('fire-preview-label')).toHaveText('Every 15 minutes (UTC)');
    await form.getByRole('combobox', { name: 'Overlap policy' }).click();
    await page.getByRole('option', { name: /^skip:/ }).click();
    await form.getByLabel('Payload (JSON)').fill('{"report": ');
    await expect(form.getByText(/^Payload must be valid JSON/)).toBeVisible();
    await form.getByLabel('Payload (JSON)').fill('{"report": "daily"}');
    await confirmOperatorDialog(page, `Edit schedule ${name}`, 'Save schedule', 'every quarter hour now', 'CHG-9');

    const saved = await apiGet<{ cron: string; overlapPolicy: string; target: { job: { jobType: string; payload: unknown } } }>(
      request,
      `/schedules/${schedule.id}`,
    );
    expect(saved).toMatchObject({ cron: '*/15 * * * *', overlapPolicy: 'skip', target: { job: { jobType: name, payload: { report: 'daily' } } } });
    await expect(row(page, schedule.id).getByTestId('schedule-label')).toHaveText('Every 15 minutes (UTC)');
    await expect(drawer(page).getByTestId('audit-row').first()).toContainText('schedule.update');
    await expect(drawer(page).getByTestId('audit-row').first()).toContainText('CHG-9');
  });
});
