import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { apiGet, unhandledJobType } from './support/api.ts';
import { createSchedule, schedulerPost, triggerSchedule, type SchedulerStatusJson } from './support/scheduler.ts';

const OVERVIEW = '/ops/operations/scheduler';

const figure = (page: Page, testId: string) => page.getByTestId(testId).getByTestId('count-value');
const status = (request: APIRequestContext) => apiGet<SchedulerStatusJson>(request, '/scheduler/status');

test.describe('scheduler overview', () => {
  test('every figure matches the status API and opens the list it counts', async ({ page, request }) => {
    test.setTimeout(90_000);
    const name = unhandledJobType('overview');
    // Queued runs (nothing handles the job type), a paused and a disabled schedule.
    const busy = await createSchedule(request, `${name}-busy`, name);
    await triggerSchedule(request, busy.id);
    await triggerSchedule(request, busy.id);
    const paused = await createSchedule(request, `${name}-paused`, name);
    await schedulerPost(request, `/schedules/${paused.id}/pause`);
    await createSchedule(request, `${name}-off`, name, { enabled: false });
    // Every second, skipping while its first run is unfinished: fire_skipped events, the overview's missed fires.
    const overlapping = await createSchedule(request, `${name}-overlap`, name, { cron: '* * * * * *', overlapPolicy: 'skip' });
    await expect.poll(async () => (await status(request)).missedFires.latest.some((fire) => fire.scheduleId === overlapping.id)).toBe(true);
    await schedulerPost(request, `/schedules/${overlapping.id}/disable`);

    const expected = await status(request);
    expect(expected.activeRuns.queued).toBeGreaterThanOrEqual(3);
    await page.goto(OVERVIEW);
    for (const state of ['active', 'paused', 'disabled']) {
      await expect(figure(page, `schedules-count-${state}`)).toHaveText(String(expected.schedules[state]));
    }
    for (const state of ['planning', 'queued', 'running']) {
      await expect(figure(page, `active-runs-${state}`)).toHaveText(String(expected.activeRuns[state]));
    }
    for (const state of ['planning', 'queued', 'running', 'completed', 'error', 'cancelled']) {
      await expect(figure(page, `recent-runs-${state}`)).toHaveText(String(expected.recentRuns[state]));
    }
    await expect(page.getByTestId('missed-fires-totals')).toHaveText(
      `${expected.missedFires.slots} slot${expected.missedFires.slots === 1 ? '' : 's'} in ${expected.missedFires.events} event${expected.missedFires.events === 1 ? '' : 's'}`,
    );
    const missed = page.locator(`[data-testid="missed-fire"][data-schedule-id="${overlapping.id}"]`).first();
    await expect(missed).toContainText('overlap policy');
    await expect(page.getByTestId('next-fire')).toHaveCount(expected.nextFires.length);
    await expect(page.locator(`[data-testid="next-fire"][data-schedule-id="${busy.id}"]`)).toContainText(`${name}-busy`);
    await expect(page.getByTestId('leader-holder')).toHaveText(expected.leader?.holder ?? '');
    await expect(page.getByTestId('leader-term')).toHaveText(String(expected.leader?.term));
    await expect(page.getByTestId('leader-since').locator('time')).toHaveAttribute('datetime', expected.leader?.since ?? '');
    const workers = await apiGet<{ counts: Record<string, number> }>(request, '/workers');
    await expect(figure(page, 'workers-count-active')).toHaveText(String(workers.counts.active ?? 0));

    // Deep links carry their filter.
    await page.getByTestId('active-runs-queued').click();
    await expect(page).toHaveURL((url) => url.pathname === '/ops/operations/scheduler/runs' && url.searchParams.get('state') === 'queued');
    await expect(page.getByTestId('run-row')).toHaveCount(Math.min(expected.activeRuns.queued ?? 0, 50));
    await page.goBack();
    await page.getByTestId('schedules-count-paused').click();
    await expect(page).toHaveURL((url) => url.pathname === '/ops/operations/scheduler/schedules' && url.searchParams.get('state') === 'paused');
    await expect(page.locator(`[data-testid="schedule-row"][data-schedule-id="${paused.id}"]`)).toBeVisible();
    await page.goBack();
    await missed.getByRole('link', { name: `${name}-overlap` }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('schedule') === overlapping.id);
    await expect(page.getByTestId('schedule-detail').getByTestId('schedule-state')).toHaveText('disabled');
    await page.goBack();
    await page.getByTestId('workers-count-active').click();
    await expect(page).toHaveURL((url) => url.pathname === '/ops/operations/scheduler/workers' && url.searchParams.get('state') === 'active');
  });

  test('a failing status API shows the error with its trace id', async ({ page }) => {
    await page.route('**/api/v1/scheduler/status', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'database down', traceId: 'trace-overview' } }) }),
    );
    await page.goto(OVERVIEW);
    await expect(page.getByText('The scheduler status could not be loaded')).toBeVisible();
    await expect(page.getByText('trace-overview')).toBeVisible();
  });
});
