import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { enqueue, unhandledJobType } from './support/api.ts';
import { choice } from './support/choices.ts';
import { leaseOne } from './support/worker-protocol.ts';

const JOBS = '/ops/operations/jobengine/jobs';
const DIGEST = `sha256:${'ab'.repeat(32)}`;

/** A job run to success through the worker protocol, with a log line, an artifact and a result. */
async function finishedJob(request: APIRequestContext) {
  const jobType = unhandledJobType('detail');
  const id = await enqueue(request, { jobType, payload: { order: 'A-17' }, correlationId: `corr-${jobType}` });
  const worker = await leaseOne(request, { name: 'e2e-worker', jobType });
  await worker.log([{ level: 'info', message: 'exported 3 rows', fields: { rows: 3 } }]);
  await worker.artifact({ name: 'report.csv', uri: 'https://files.example.test/report.csv', digest: DIGEST, size: 1536, mime: 'text/csv' });
  await worker.complete({ exported: 3 });
  return { id, jobType };
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name });
const header = (page: Page) => page.getByTestId('job-header');

test.describe('job detail', () => {
  test('every tab shows the job’s real data, keeps the tab in the URL and survives a reload', async ({ page, request }) => {
    const { id, jobType } = await finishedJob(request);
    await page.goto(`${JOBS}/${id}`);
    await expect(header(page).getByTestId('job-state')).toHaveText('succeeded');
    await expect(header(page).getByTestId('job-type')).toHaveText(jobType);
    await expect(header(page)).toContainText(`corr-${jobType}`);
    await expect(tab(page, 'Overview')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('job-timings').getByTestId('duration').first()).toHaveAttribute('title', /^[\d,]+ ms$/);

    await tab(page, 'Attempts').click();
    await expect(page).toHaveURL((url) => url.searchParams.get('tab') === 'attempts');
    await expect(page.getByTestId('attempts-table')).toContainText('succeeded');
    await expect(page.getByTestId('attempts-table').getByTestId('duration')).toHaveAttribute('title', /^[\d,]+ ms$/);

    await tab(page, 'Logs').click();
    await expect(page.getByTestId('log-line')).toHaveCount(1);
    await expect(page.getByTestId('log-line')).toContainText('exported 3 rows');
    await expect(page.getByTestId('log-fields')).toHaveText('rows=3');
    await expect(page.getByTestId('log-status')).toContainText('every line is loaded');

    await tab(page, 'Payload & result').click();
    await expect(page.getByLabel('Payload', { exact: true })).toContainText('"order": "A-17"');
    await expect(page.getByLabel('Result', { exact: true })).toContainText('"exported": 3');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy payload', exact: true }).click();
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual({ order: 'A-17' });

    await tab(page, 'Artifacts').click();
    const artifact = page.getByTestId('artifact-row');
    await expect(artifact).toHaveCount(1);
    await expect(artifact.getByRole('link', { name: 'https://files.example.test/report.csv' })).toHaveAttribute('href', 'https://files.example.test/report.csv');
    await expect(artifact).toContainText('1.5 KiB');
    await expect(artifact).toContainText('text/csv');
    await expect(artifact.getByRole('button', { name: 'Copy digest of report.csv' })).toBeVisible();

    await tab(page, 'Events').click();
    await expect(page).toHaveURL((url) => url.searchParams.get('tab') === 'events');
    const types = page.getByTestId('event-item');
    await expect(types.first()).toHaveAttribute('data-type', 'job.enqueued');
    await expect(types.last()).toHaveAttribute('data-type', 'job.succeeded');

    await page.reload();
    await expect(tab(page, 'Events')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('event-item').last()).toHaveAttribute('data-type', 'job.succeeded');

    await tab(page, 'Audit').click();
    await expect(page.getByTestId('audit-empty')).toBeVisible();

    await tab(page, 'Overview').click();
    await expect(page).toHaveURL((url) => url.searchParams.get('tab') === null);
  });

  test('an unknown tab in the URL falls back to the overview', async ({ page, request }) => {
    const id = await enqueue(request, { jobType: unhandledJobType('detail') });
    await page.goto(`${JOBS}/${id}?tab=nonsense`);
    await expect(tab(page, 'Overview')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('job-fields')).toBeVisible();
  });

  test('f opens the log search, whose text stays in the URL', async ({ page, request }) => {
    const { id } = await finishedJob(request);
    await page.goto(`${JOBS}/${id}`);
    await expect(header(page).getByTestId('job-state')).toHaveText('succeeded');
    await page.keyboard.press('f');
    await expect(tab(page, 'Logs')).toHaveAttribute('aria-selected', 'true');
    const search = page.getByLabel('Search the log');
    await expect(search).toBeFocused();
    await page.keyboard.type('no such line');
    await expect(page).toHaveURL((url) => url.searchParams.get('q') === 'no such line' && url.searchParams.get('tab') === 'logs');
    await expect(page.getByTestId('logs-empty')).toHaveText('No line matches the filter.');
    await page.reload();
    await expect(page.getByLabel('Search the log')).toHaveValue('no such line');
    await page.getByLabel('Search the log').fill('rows=4');
    await expect(page.getByTestId('logs-empty')).toHaveText('No line matches the filter.');
    await page.getByLabel('Search the log').fill('ROWS=3');
    await expect(page.getByTestId('log-line')).toHaveCount(1);
  });

  test('log lines, artifacts and events of a running job arrive live without a reload', async ({ page, request }) => {
    const jobType = unhandledJobType('detail');
    const id = await enqueue(request, { jobType });
    await page.goto(`${JOBS}/${id}?tab=logs`);
    await expect(page.getByTestId('logs-empty')).toContainText('No log lines yet');
    await expect(page.getByTestId('live-status')).toHaveText('Live');

    const worker = await leaseOne(request, { name: 'e2e-worker', jobType });
    await expect(header(page).getByTestId('job-state')).toHaveText('running');
    await worker.log([
      { level: 'debug', message: 'connecting to the warehouse' },
      { level: 'info', message: 'batch 1 of 2 written', fields: { batch: 1, table: 'orders' } },
    ]);
    await expect(page.getByTestId('log-line')).toHaveCount(2);
    await expect(page.getByTestId('log-line').last()).toContainText('batch 1 of 2 written');
    await expect(page.getByTestId('log-line').last().getByTestId('log-fields')).toContainText('table=orders');

    await choice(page, 'warn+').click();
    await expect(page).toHaveURL((url) => url.searchParams.get('level') === 'warn');
    await expect(page.getByTestId('logs-empty')).toHaveText('No line matches the filter.');
    await worker.log([{ level: 'warn', message: 'slow upstream', fields: { ms: 2300 } }]);
    await expect(page.getByTestId('log-line')).toHaveCount(1);
    await expect(page.getByTestId('log-line')).toHaveAttribute('data-level', 'warn');
    await choice(page, 'all levels').click();
    await expect(page.getByTestId('log-line')).toHaveCount(3);
    await expect(page.getByTestId('log-status')).toContainText('Following live');

    await tab(page, 'Artifacts').click();
    await expect(page.getByTestId('artifacts-empty')).toBeVisible();
    await worker.artifact({ name: 'dump.bin', uri: 's3://bucket/dump.bin', digest: DIGEST, size: 5 * 1024 * 1024, mime: 'application/octet-stream' });
    await expect(page.getByTestId('artifact-row')).toContainText('5 MiB');
    await expect(page.getByTestId('artifact-row').getByRole('link')).toHaveCount(0);

    await tab(page, 'Events').click();
    await expect(page.locator('[data-testid="event-item"][data-type="job.started"]')).toHaveCount(1);
    await worker.complete({ ok: true });
    await expect(page.locator('[data-testid="event-item"][data-type="job.succeeded"]')).toHaveCount(1);
    await expect(header(page).getByTestId('job-state')).toHaveText('succeeded');

    await tab(page, 'Logs').click();
    await expect(page.getByTestId('log-status')).toContainText('every line is loaded');
    await expect(page.getByTestId('log-line')).toHaveCount(3);
  });

  test('replays a finished job and opens the new job, whose replayOf links back', async ({ page, request }) => {
    const { id } = await finishedJob(request);
    await page.goto(`${JOBS}/${id}`);
    await expect(page.getByRole('button', { name: 'Change priority' })).toBeDisabled();
    await page.getByRole('button', { name: 'Replay job' }).click();
    const dialog = page.getByRole('form', { name: 'Replay job' });
    // A job without DAG edges has nothing downstream to replay.
    await expect(dialog.getByLabel('Priority')).toBeVisible();
    await expect(dialog.getByText('Checking whether the job is part of a DAG')).toBeHidden();
    await expect(dialog.getByLabel('With downstream')).toHaveCount(0);
    await dialog.getByLabel('Priority').fill('5000');
    await expect(dialog.getByTestId('action-blocked')).toContainText('-1000 to 1000');
    await dialog.getByLabel('Priority').fill('-7');
    await dialog.getByLabel('Reason').fill('upstream fixed');
    await dialog.getByLabel('Ticket').fill('OPS-7');
    await dialog.getByRole('button', { name: 'Replay job' }).click();

    await expect(page).toHaveURL((url) => /\/jobs\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(id));
    await expect(header(page).getByTestId('job-state')).toHaveText('queued');
    await expect(header(page).getByTestId('job-priority')).toHaveText('priority -7');
    const back = page.getByTestId('replay-of-link');
    await expect(back).toHaveText(id);
    await back.click();
    await expect(page).toHaveURL((url) => url.pathname === `${JOBS}/${id}`);
    await tab(page, 'Audit').click();
    await expect(page.getByTestId('audit-row')).toContainText('upstream fixed');
  });

  test('offers replay with downstream only for a job with DAG edges', async ({ page, request }) => {
    const jobType = unhandledJobType('detail');
    const parent = await enqueue(request, { jobType });
    await enqueue(request, { jobType: `${jobType}.child`, dependsOn: [parent] });
    const cancel = await request.post(`/api/v1/jobs/${parent}/cancel`, { headers: { 'X-Operator-Reason': 'e2e: finish the parent' } });
    expect(cancel.status()).toBe(200);
    await page.goto(`${JOBS}/${parent}`);
    await expect(header(page).getByTestId('job-state')).toHaveText('canceled');
    await page.getByRole('button', { name: 'Replay job' }).click();
    await expect(page.getByRole('form', { name: 'Replay job' }).getByLabel('With downstream')).toBeVisible();
  });

  test('changes the priority of a waiting job with a reason, and the audit tab shows it', async ({ page, request }) => {
    const id = await enqueue(request, { jobType: unhandledJobType('detail') });
    await page.goto(`${JOBS}/${id}`);
    await expect(page.getByRole('button', { name: 'Replay job' })).toBeDisabled();
    await page.getByRole('button', { name: 'Change priority' }).click();
    const dialog = page.getByRole('form', { name: 'Change priority' });
    await expect(dialog.getByTestId('action-blocked')).toHaveText('That is the current priority.');
    await dialog.getByLabel('New priority').fill('-50');
    await dialog.getByRole('button', { name: 'Change priority' }).click();
    await expect(dialog.getByText('A reason is required')).toBeVisible();
    await dialog.getByLabel('Reason').fill('customer waiting');
    await dialog.getByLabel('Ticket').fill('OPS-50');
    await dialog.getByRole('button', { name: 'Change priority' }).click();
    await expect(dialog).toBeHidden();
    await expect(header(page).getByTestId('job-priority')).toHaveText('priority -50');

    await tab(page, 'Audit').click();
    const row = page.getByTestId('audit-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('job.priority');
    await expect(row).toContainText('customer waiting');
    await expect(row).toContainText('OPS-50');
    await expect(row).toContainText('priority: 0 → -50');
    await page.reload();
    await expect(page.getByTestId('audit-row')).toContainText('OPS-50');
  });
});
