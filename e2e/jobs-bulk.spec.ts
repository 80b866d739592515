import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { enqueueBatch, unhandledJobType } from './support/api.ts';
import { failAllAsWorker } from './support/worker-protocol.ts';

const JOBS = '/ops/operations/jobengine/jobs';

interface Job {
  id: string;
  state: string;
  priority: number;
  replayOf: string | null;
}

async function getJob(request: APIRequestContext, id: string): Promise<Job> {
  const res = await request.get(`/api/v1/jobs/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Job;
}

async function listJobs(request: APIRequestContext, query: string): Promise<Job[]> {
  const res = await request.get(`/api/v1/jobs?${query}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: Job[] }).items;
}

const rows = (page: Page) => page.getByTestId('job-row');
const row = (page: Page, id: string) => page.locator(`[data-testid="job-row"][data-job-id="${id}"]`);
const rowIds = (page: Page) => rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-job-id')));

async function confirmWithReason(page: Page, title: string, reason: string) {
  const dialog = page.getByRole('form', { name: title });
  await dialog.getByLabel(/reason/i).fill(reason);
  await dialog.getByRole('button', { name: new RegExp(`^${title}`) }).click();
  await expect(dialog).toBeHidden();
}

test.describe('jobs table: selection and bulk actions', () => {
  test('bulk-cancels the selected rows with a reason; the table and the audit log show it', async ({ page, request }) => {
    const jobType = unhandledJobType('bulk');
    const [a, b, c] = await enqueueBatch(request, [{ jobType }, { jobType }, { jobType }]);
    await page.goto(JOBS);
    await page.getByLabel('Job type').fill(jobType);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(rows(page)).toHaveCount(3);

    await page.getByLabel(`Select job ${a}`).check();
    await page.getByLabel(`Select job ${b}`).check();
    await expect(page.getByTestId('selection-summary')).toHaveText('2 selected on this page');
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Cancel' }).click();

    const dialog = page.getByRole('form', { name: 'Cancel jobs' });
    await expect(dialog.getByTestId('bulk-dry-run')).toHaveText('2 of the 2 selected jobs can be canceled.');
    // The reason is required: without it nothing is sent.
    await dialog.getByRole('button', { name: /^Cancel jobs/ }).click();
    await expect(dialog.getByText(/reason is required/i)).toBeVisible();
    await confirmWithReason(page, 'Cancel jobs', 'e2e bulk cancel');

    await expect(page.getByText(/2 canceled/)).toBeVisible();
    await expect(row(page, a!).getByTestId('job-state')).toHaveText('canceled');
    await expect(row(page, b!).getByTestId('job-state')).toHaveText('canceled');
    await expect(row(page, c!).getByTestId('job-state')).toHaveText('queued');
    await expect(page.getByTestId('bulk-bar')).toBeHidden();

    for (const id of [a, b]) {
      const audit = await request.get(`/api/v1/audit?targetType=job&targetId=${id}`);
      const items = ((await audit.json()) as { items: Array<{ action: string; reason: string }> }).items;
      expect(items).toMatchObject([{ action: 'job.cancel', reason: 'e2e bulk cancel' }]);
    }
    expect((await getJob(request, c!)).state).toBe('queued');

    // Two of three are finished now: the dry run says so before any reason is written.
    await page.getByLabel('Select all jobs on this page').check();
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('bulk-dry-run')).toHaveText('1 of the 3 selected jobs can be canceled; 2 are already finished.');
  });

  test('selects every job matching the filter, shows the dry-run count and changes their priority', async ({ page, request }) => {
    const jobType = unhandledJobType('bulk');
    const ids = await enqueueBatch(request, Array.from({ length: 55 }, () => ({ jobType })));
    const [other] = await enqueueBatch(request, [{ jobType: `${jobType}-other` }]);
    await page.goto(`${JOBS}?jobType=${jobType}`);
    await expect(rows(page)).toHaveCount(50);

    await page.getByLabel('Select all jobs on this page').check();
    await expect(page.getByTestId('selection-summary')).toHaveText('50 selected on this page');
    await page.getByRole('button', { name: 'Select all 55 jobs matching these filters' }).click();
    await expect(page.getByTestId('selection-summary')).toHaveText('All 55 jobs matching these filters are selected');

    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Change priority' }).click();
    const dialog = page.getByRole('form', { name: 'Change priority' });
    await expect(dialog.getByTestId('bulk-dry-run')).toHaveText('55 of the 55 selected jobs can be re-prioritized.');
    const priority = dialog.getByLabel('New priority');
    await priority.fill('5000');
    await expect(dialog.getByTestId('action-blocked')).toHaveText(/−1000 to 1000/);
    await expect(dialog.getByRole('button', { name: /^Change priority/ })).toBeDisabled();
    await priority.fill('-250');
    await expect(dialog.getByTestId('action-blocked')).toBeHidden();
    await confirmWithReason(page, 'Change priority', 'e2e bulk priority');
    await expect(page.getByText(/55 re-prioritized/)).toBeVisible();

    const listed = await listJobs(request, `jobType=${jobType}&limit=100`);
    expect(listed).toHaveLength(55);
    expect(listed.every((job) => job.priority === -250)).toBe(true);
    expect(new Set(listed.map((job) => job.id))).toEqual(new Set(ids));
    expect((await getJob(request, other!)).priority).toBe(0);
  });

  test('bulk-replays failed jobs as new jobs that point back at them', async ({ page, request }) => {
    const jobType = unhandledJobType('bulk');
    const failed = await enqueueBatch(request, [{ jobType, maxAttempts: 1 }, { jobType, maxAttempts: 1 }]);
    await failAllAsWorker(request, {
      name: 'e2e-failer',
      jobType,
      count: 2,
      error: { code: 'e2e_broken', message: 'broken on purpose', class: 'permanent', retryable: false },
    });
    await page.goto(`${JOBS}?jobType=${jobType}&state=failed`);
    await expect(rows(page)).toHaveCount(2);

    await page.getByLabel('Select all jobs on this page').check();
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Replay' }).click();
    await expect(page.getByTestId('bulk-dry-run')).toHaveText('2 of the 2 selected jobs can be replayed as new jobs.');
    await confirmWithReason(page, 'Replay jobs', 'e2e bulk replay');
    await expect(page.getByText(/2 replayed/)).toBeVisible();

    const replays = (await listJobs(request, `jobType=${jobType}&state=queued`)).map((job) => job.replayOf);
    expect(replays.sort()).toEqual([...failed].sort());
  });

  test('shows the server refusal in the dialog when the filter matches more than the bulk limit', async ({ page, request }) => {
    const jobType = unhandledJobType('bulk');
    for (let i = 0; i < 6; i++) await enqueueBatch(request, Array.from({ length: 1000 }, () => ({ jobType })));
    await page.goto(`${JOBS}?jobType=${jobType}`);
    await page.getByLabel('Select all jobs on this page').check();
    await page.getByRole('button', { name: 'Select all 6000 jobs matching these filters' }).click();
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Cancel' }).click();
    const dialog = page.getByRole('form', { name: 'Cancel jobs' });
    await expect(dialog.getByTestId('bulk-dry-run')).toHaveText('6000 of the 6000 selected jobs can be canceled.');
    await dialog.getByLabel(/reason/i).fill('too many');
    await dialog.getByRole('button', { name: /^Cancel jobs/ }).click();
    await expect(dialog.getByTestId('action-error')).toContainText('too_many_jobs');
    await expect(dialog.getByTestId('trace-id')).toHaveText(/^[0-9a-f]{16}$/);
    expect((await listJobs(request, `jobType=${jobType}&state=canceled&limit=1`)).length).toBe(0);
  });
});

test.describe('jobs table: sort, time window and live updates', () => {
  test('sorts by a column header; the URL keeps sort and order across a reload', async ({ page, request }) => {
    const jobType = unhandledJobType('bulk');
    const [low, high, mid] = await enqueueBatch(request, [
      { jobType, priority: -5 },
      { jobType, priority: 7 },
      { jobType, priority: 2 },
    ]);
    await page.goto(`${JOBS}?jobType=${jobType}`);
    await expect(rows(page)).toHaveCount(3);
    await expect.poll(() => rowIds(page)).toEqual([mid, high, low]);

    const header = page.getByRole('columnheader', { name: 'Priority' });
    await expect(header).toHaveAttribute('aria-sort', 'none');
    await page.getByTestId('sort-priority').click();
    await expect(page).toHaveURL((url) => url.searchParams.get('sort') === 'priority' && url.searchParams.get('order') === 'desc');
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(() => rowIds(page)).toEqual([high, mid, low]);

    await page.getByTestId('sort-priority').click();
    await expect(page).toHaveURL((url) => url.searchParams.get('order') === 'asc');
    await expect.poll(() => rowIds(page)).toEqual([low, mid, high]);

    await page.reload();
    await expect(page.getByRole('columnheader', { name: 'Priority' })).toHaveAttribute('aria-sort', 'ascending');
    await expect.poll(() => rowIds(page)).toEqual([low, mid, high]);
    await expect(page.getByLabel('Job type')).toHaveValue(jobType);
  });

  test('a time-window quick pick sets createdAfter in the URL', async ({ page, request }) => {
    const jobType = unhandledJobType('bulk');
    const [id] = await enqueueBatch(request, [{ jobType }]);
    await page.goto(`${JOBS}?jobType=${jobType}&sort=priority&order=asc`);
    await page.getByRole('group', { name: 'Created in the last' }).getByRole('button', { name: '15 min' }).click();
    await expect(page).toHaveURL((url) => {
      const after = url.searchParams.get('createdAfter');
      return after !== null && Date.now() - Date.parse(after) >= 15 * 60_000 && url.searchParams.get('sort') === 'priority';
    });
    await expect(row(page, id!)).toBeVisible();
    await expect(page.getByLabel(/Created after/)).not.toHaveValue('');

    await page.getByRole('group', { name: 'Created in the last' }).getByRole('button', { name: 'Custom' }).click();
    await expect(page.getByLabel(/Created after/)).toBeFocused();
    await page.getByRole('heading', { name: 'Jobs', level: 1 }).click();
    await page.keyboard.press('f');
    await expect(page.getByLabel('Text', { exact: true })).toBeFocused();
  });

  test('a job enqueued while the page is open appears without a reload, and the selection survives', async ({ page, request }) => {
    const jobType = unhandledJobType('bulk');
    const [first] = await enqueueBatch(request, [{ jobType }]);
    await page.goto(`${JOBS}?jobType=${jobType}`);
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByTestId('live-status')).toHaveText('Live');
    await page.getByLabel(`Select job ${first}`).check();

    const [second] = await enqueueBatch(request, [{ jobType }]);
    await expect(row(page, second!)).toBeVisible();
    await expect(rows(page)).toHaveCount(2);
    await expect(page.getByLabel(`Select job ${first}`)).toBeChecked();
    await expect(page.getByTestId('selection-summary')).toHaveText('1 selected on this page');
  });
});
