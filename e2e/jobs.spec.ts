import { expect, test, type Page } from './support/test.ts';
import { enqueue, unhandledJobType } from './support/api.ts';

const JOBS = '/ops/operations/jobengine/jobs';

const rows = (page: Page) => page.getByTestId('job-row');

test.describe('JobEngine jobs list', () => {
  test('filters from the URL and from the form, and keeps filters in the URL', async ({ page, request }) => {
    const jobType = unhandledJobType('idle');
    const a = await enqueue(request, { jobType, queue: 'qa' });
    const b = await enqueue(request, { jobType, queue: 'qb' });

    await page.goto(`${JOBS}?jobType=${jobType}`);
    await expect(rows(page)).toHaveCount(2);
    await expect(page.getByTitle(a)).toBeVisible();
    await expect(page.getByTitle(b)).toBeVisible();

    await page.getByLabel('Queue').fill('qb');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('queue') === 'qb' && url.searchParams.get('jobType') === jobType);
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByTitle(b)).toBeVisible();

    await page.reload();
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByLabel('Queue')).toHaveValue('qb');
  });

  test('a numeric-looking text filter is searched as text', async ({ page, request }) => {
    const jobType = unhandledJobType('idle');
    const id = await enqueue(request, { jobType, idempotencyKey: `order-${jobType}-12345` });
    await page.goto(`${JOBS}?jobType=${jobType}&text=12345`);
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByTitle(id)).toBeVisible();
    await expect(page.getByLabel('Text')).toHaveValue('12345');
  });

  test('pages through results with the cursor', async ({ page, request }) => {
    const jobType = unhandledJobType('idle');
    const res = await request.post('/api/v1/jobs/batch', { data: { jobs: Array.from({ length: 53 }, (_, i) => ({ jobType, payload: { i } })) } });
    expect(res.status()).toBe(201);
    await page.goto(`${JOBS}?jobType=${jobType}`);
    await expect(rows(page)).toHaveCount(50);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(rows(page)).toHaveCount(3);
    await expect(page).toHaveURL(/cursor=/);
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect(rows(page)).toHaveCount(50);
  });

  test('shows an empty state that clears the filters', async ({ page }) => {
    await page.goto(`${JOBS}?jobType=${unhandledJobType('idle')}`);
    await expect(page.getByText('No jobs match these filters')).toBeVisible();
    await page.getByRole('button', { name: /clear filters/i }).first().click();
    await expect(page).toHaveURL((url) => url.pathname === JOBS && url.search === '');
  });

  test('shows the server error with its trace id for a bad cursor', async ({ page }) => {
    await page.goto(`${JOBS}?cursor=not-a-cursor`);
    const error = page.getByTestId('error-state');
    await expect(error).toBeVisible();
    await expect(error).toContainText('invalid_cursor');
    await expect(page.getByTestId('trace-id')).toHaveText(/^[0-9a-f]{16}$/);
  });
});

test.describe('enqueue, detail and cancel', () => {
  test('an http.request job enqueued from the console runs on the real engine', async ({ page, baseURL }) => {
    await page.goto(JOBS);
    await page.getByRole('button', { name: 'Enqueue job' }).click();
    const form = page.getByRole('form', { name: 'Enqueue job' });
    await form.getByLabel('Job type').fill('http.request');
    await form.getByLabel('Payload (JSON)').fill(JSON.stringify({ url: `${baseURL}/api/v1/healthz` }));
    await form.getByRole('button', { name: /enqueue/i }).click();

    await expect(page).toHaveURL(/\/ops\/operations\/jobengine\/jobs\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('job-state').first()).toHaveText('succeeded', { timeout: 15_000 });
    await page.getByRole('tab', { name: 'Payload & result' }).click();
    await expect(page.getByText('"status": 200')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel job' })).toBeDisabled();
  });

  test('the enqueue form shows invalid JSON and the server refusal without leaving the form', async ({ page }) => {
    await page.goto(JOBS);
    await page.getByRole('button', { name: 'Enqueue job' }).click();
    const form = page.getByRole('form', { name: 'Enqueue job' });
    await form.getByLabel('Job type').fill('e2e.bad');
    await form.getByLabel('Payload (JSON)').fill('{"unclosed": ');
    await form.getByRole('button', { name: /enqueue/i }).click();
    await expect(form.getByText(/JSON/).first()).toBeVisible();
    await expect(page).toHaveURL((url) => url.pathname === JOBS);

    await form.getByLabel('Payload (JSON)').fill('{}');
    await form.getByLabel('Job type').fill('9-not-a-type');
    await form.getByRole('button', { name: /enqueue/i }).click();
    await expect(form.getByText(/jobType must start with a letter/)).toBeVisible();

    // Passes the form's checks (the shared schema) but not the server's payload limit.
    await form.getByLabel('Job type').fill('e2e.big');
    await form.getByLabel('Payload (JSON)').fill(JSON.stringify({ blob: 'x'.repeat(300_000) }));
    await form.getByRole('button', { name: /enqueue/i }).click();
    await expect(page.getByTestId('enqueue-error')).toContainText('payload_too_large');
    await expect(page).toHaveURL((url) => url.pathname === JOBS);
  });

  test('cancels a queued job with a reason', async ({ page, request }) => {
    const id = await enqueue(request, { jobType: unhandledJobType('idle') });
    await page.goto(`${JOBS}/${id}`);
    await expect(page.getByTestId('job-state').first()).toHaveText('queued');
    await page.getByRole('button', { name: 'Cancel job' }).click();
    const dialog = page.getByRole('form', { name: 'Cancel job' });
    await dialog.getByRole('button', { name: /cancel job/i }).click();
    await expect(dialog.getByText('A reason is required')).toBeVisible();
    await dialog.getByLabel('Reason').fill('not needed any more');
    await dialog.getByLabel('Ticket').fill('OPS-42');
    await dialog.getByRole('button', { name: /cancel job/i }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('job-state').first()).toHaveText('canceled');
    await expect(page.getByRole('button', { name: 'Cancel job' })).toBeDisabled();
    const job = (await (await request.get(`/api/v1/jobs/${id}`)).json()) as { state: string };
    expect(job.state).toBe('canceled');
    const audit = (await (await request.get(`/api/v1/audit?targetId=${id}`)).json()) as { items: Array<{ reason: string; ticket: string }> };
    expect(audit.items).toMatchObject([{ reason: 'not needed any more', ticket: 'OPS-42' }]);
  });

  test('an unknown job id shows that the job was not found', async ({ page }) => {
    await page.goto(`${JOBS}/0190a5c4-0000-7000-8000-000000000000`);
    await expect(page.getByText(/job not found/i)).toBeVisible();
  });
});

test.describe('timestamps and the time zone toggle', () => {
  test.use({ timezoneId: 'Asia/Kolkata' });

  test('every timestamp of the table follows the toggle, which survives a reload and reaches another tab', async ({ page, request }) => {
    const jobType = unhandledJobType('zone');
    await enqueue(request, { jobType });
    await page.goto(`${JOBS}?jobType=${jobType}`);
    const created = rows(page).first().locator('time').first();
    await expect(created).toHaveText(/ UTC$/);

    const other = await page.context().newPage();
    await other.goto(`${JOBS}?jobType=${jobType}`);
    await expect(rows(other).first().locator('time').first()).toHaveText(/ UTC$/);

    await page.getByLabel('Time zone for timestamps').getByText('Local').click();
    await expect(created).toHaveText(/ UTC\+05:30$/);
    await expect(created).toHaveAttribute('title', / UTC$/);
    await expect(rows(other).first().locator('time').first()).toHaveText(/ UTC\+05:30$/);

    await page.reload();
    await expect(rows(page).first().locator('time').first()).toHaveText(/ UTC\+05:30$/);
  });
});
