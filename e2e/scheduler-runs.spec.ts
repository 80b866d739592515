import { expect, test, type Page } from './support/test.ts';
import { apiGet, unhandledJobType } from './support/api.ts';
import { confirmOperatorDialog } from './support/operator.ts';
import { createSchedule, schedulerPost, triggerSchedule, type RunJson } from './support/scheduler.ts';

const RUNS = '/ops/operations/scheduler/runs';

const row = (page: Page, id: string) => page.locator(`[data-testid="run-row"][data-run-id="${id}"]`);

test.describe('runs', () => {
  test('filters land in the URL, a reload keeps them, and a queued run is canceled from its row', async ({ page, request }) => {
    test.setTimeout(90_000);
    const name = unhandledJobType('runs');
    const schedule = await createSchedule(request, name, name);
    const canceled = await triggerSchedule(request, schedule.id);
    await schedulerPost(request, `/runs/${canceled.id}/cancel`);
    const queued = await triggerSchedule(request, schedule.id);

    await page.goto(RUNS);
    const filters = page.getByRole('form', { name: 'Run filters' });
    await filters.getByRole('combobox', { name: 'Schedule' }).fill(name);
    await page.getByRole('option', { name }).click();
    await filters.getByRole('combobox', { name: 'State' }).click();
    await page.getByRole('option', { name: 'cancelled' }).click();
    await filters.getByRole('combobox', { name: 'Trigger' }).click();
    await page.getByRole('option', { name: 'manual' }).click();
    await filters.getByRole('button', { name: 'Apply filters' }).click();

    const filtered = (url: URL) =>
      url.searchParams.get('scheduleId') === schedule.id && url.searchParams.get('state') === 'cancelled' && url.searchParams.get('trigger') === 'manual';
    await expect(page).toHaveURL(filtered);
    await expect(page.getByTestId('run-row')).toHaveCount(1);
    await expect(row(page, canceled.id).getByTestId('run-state')).toHaveText('cancelled');
    await expect(row(page, canceled.id).getByTestId('run-link')).toHaveAttribute('href', `/ops/operations/scheduler/runs/${canceled.id}/stream`);

    await page.reload();
    await expect(page).toHaveURL(filtered);
    await expect(page.getByTestId('run-row')).toHaveCount(1);
    await expect(filters.getByRole('combobox', { name: 'Schedule' })).toHaveValue(name);

    // A time-window pick applies at once as an absolute createdAfter.
    await filters.getByRole('button', { name: '1 h' }).click();
    await expect(page).toHaveURL((url) => filtered(url) && url.searchParams.get('createdAfter') !== null);
    await expect(page.getByTestId('run-row')).toHaveCount(1);

    // The queued run, by schedule only; Cancel from its row.
    await page.goto(`${RUNS}?scheduleId=${schedule.id}&state=queued`);
    await expect(page.getByTestId('run-row')).toHaveCount(1);
    await expect(row(page, queued.id).getByTestId('run-progress')).toContainText('0/1 finished');
    await row(page, queued.id).getByRole('button', { name: 'Cancel' }).click();
    await confirmOperatorDialog(page, `Cancel run ${name}`, 'Cancel run', 'not needed today');
    await expect(page.getByTestId('runs-empty')).toBeVisible();
    expect(await apiGet<RunJson>(request, `/runs/${queued.id}`)).toMatchObject({ state: 'cancelled' });

    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect(page).toHaveURL((url) => url.search === '');
    await expect(row(page, queued.id).getByTestId('run-state')).toHaveText('cancelled');
  });

  test('an unknown filter value falls back, and a refused list shows its error', async ({ page }) => {
    await page.goto(`${RUNS}?state=sleeping&trigger=cron`);
    await expect(page.getByTestId('runs-table').or(page.getByTestId('runs-empty'))).toBeVisible();
    await expect(page.getByText('Runs could not be loaded')).toHaveCount(0);
    await page.route('**/api/v1/runs?**', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'database down', traceId: 'trace-e2e' } }) }),
    );
    await page.goto(`${RUNS}?trigger=manual`);
    await expect(page.getByText('Runs could not be loaded')).toBeVisible();
    await expect(page.getByText('database down')).toBeVisible();
  });
});
