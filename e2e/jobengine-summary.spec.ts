import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { enqueue, uniqueSuffix } from './support/api.ts';

const SUMMARY = '/ops/operations/jobengine';
const JOBS = '/ops/operations/jobengine/jobs';

interface QueueHealthBody {
  queues: Array<{ queue: string; counts: Record<string, number> }>;
}

/** Waits on the real engine until `count` jobs of the queue have finished. */
async function waitForFinished(request: APIRequestContext, queue: string, count: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const page = (await (await request.get(`/api/v1/jobs?queue=${queue}&state=succeeded,failed`)).json()) as { items: unknown[] };
        return page.items.length;
      },
      { timeout: 20_000 },
    )
    .toBe(count);
}

async function tenantTotal(request: APIRequestContext, state: string): Promise<number> {
  const report = (await (await request.get('/api/v1/queues/health')).json()) as QueueHealthBody;
  return report.queues.reduce((sum, queue) => sum + (queue.counts[state] ?? 0), 0);
}

const queueRow = (page: Page, queue: string) => page.locator(`[data-testid="queue-row"][data-queue="${queue}"]`);

test.describe('JobEngine summary', () => {
  test('shows counts, throughput and the queue row from real jobs, and follows live events', async ({ page, request, baseURL }) => {
    const queue = `e2e-sum-${uniqueSuffix()}`;
    const idleType = `e2e.idle-${uniqueSuffix()}`;
    for (let i = 0; i < 3; i += 1) await enqueue(request, { jobType: idleType, queue });
    for (let i = 0; i < 2; i += 1) await enqueue(request, { jobType: 'http.request', queue, payload: { url: `${baseURL}/api/v1/healthz` } });
    await enqueue(request, {
      jobType: 'http.request',
      queue,
      maxAttempts: 1,
      payload: { url: `${baseURL}/api/v1/no-such-route`, expectStatus: 200 },
    });
    await waitForFinished(request, queue, 3);

    await page.goto(`${SUMMARY}?filter=${queue}`);
    const row = queueRow(page, queue);
    await expect(row).toBeVisible();
    await expect(page.getByTestId('queue-row')).toHaveCount(1);
    await expect(row.getByTestId('queue-count-queued')).toHaveText('3');
    await expect(row.getByTestId('queue-count-succeeded')).toHaveText('2');
    await expect(row.getByTestId('queue-count-failed')).toHaveText('1');
    await expect(row.getByTestId('queue-failure-rate')).toHaveText('33 %');

    // The cards are the tenant's totals, the same sum the API gives.
    const queuedCard = page.getByTestId('state-count-queued').getByTestId('state-count-value');
    await expect
      .poll(async () => Number((await queuedCard.textContent())?.replaceAll(',', '')) === (await tenantTotal(request, 'queued')))
      .toBe(true);

    await expect(page.getByTestId('throughput-chart').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('failure-rate-chart').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('throughput-totals')).toContainText('succeeded');
    await expect(page.getByTestId('live-status')).toHaveText('Live');

    // A job enqueued elsewhere reaches the page through the event stream, without a reload.
    await enqueue(request, { jobType: idleType, queue });
    await expect(row.getByTestId('queue-count-queued')).toHaveText('4');
  });

  test('pauses and resumes a queue with a reason, audited', async ({ page, request }) => {
    const queue = `e2e-pause-${uniqueSuffix()}`;
    await enqueue(request, { jobType: `e2e.idle-${uniqueSuffix()}`, queue });
    await page.goto(`${SUMMARY}?filter=${queue}`);
    const row = queueRow(page, queue);
    await expect(row.getByTestId('queue-paused')).toHaveCount(0);

    await row.getByRole('button', { name: `Pause queue ${queue}` }).click();
    const pauseForm = page.getByRole('form', { name: `Pause queue ${queue}` });
    await pauseForm.getByRole('button', { name: 'Pause queue', exact: true }).click();
    await expect(pauseForm.getByText('A reason is required')).toBeVisible();
    await pauseForm.getByLabel('Reason').fill('e2e maintenance window');
    await pauseForm.getByLabel('Ticket').fill('OPS-7');
    await pauseForm.getByRole('button', { name: 'Pause queue', exact: true }).click();
    await expect(pauseForm).toBeHidden();
    await expect(row.getByTestId('queue-paused')).toBeVisible();
    await expect(row.getByTestId('queue-paused-reason')).toHaveText('e2e maintenance window');

    const audit = (await (await request.get(`/api/v1/audit?targetType=queue&targetId=${queue}`)).json()) as {
      items: Array<{ action: string; reason: string; ticket: string | null }>;
    };
    expect(audit.items).toMatchObject([{ action: 'queue.pause', reason: 'e2e maintenance window', ticket: 'OPS-7' }]);

    await page.reload();
    await expect(row.getByTestId('queue-paused')).toBeVisible();

    await row.getByRole('button', { name: `Resume queue ${queue}` }).click();
    const resumeForm = page.getByRole('form', { name: `Resume queue ${queue}` });
    await expect(resumeForm).toContainText('e2e maintenance window');
    await resumeForm.getByLabel('Reason').fill('window over');
    await resumeForm.getByRole('button', { name: 'Resume queue', exact: true }).click();
    await expect(resumeForm).toBeHidden();
    await expect(row.getByTestId('queue-paused')).toHaveCount(0);
    const after = (await (await request.get(`/api/v1/audit?targetType=queue&targetId=${queue}`)).json()) as { items: Array<{ action: string }> };
    expect(after.items.map((entry) => entry.action)).toEqual(['queue.resume', 'queue.pause']);
  });

  test('shows the server refusal with its traceId when the queue changed meanwhile', async ({ page, request }) => {
    const queue = `e2e-race-${uniqueSuffix()}`;
    await enqueue(request, { jobType: `e2e.idle-${uniqueSuffix()}`, queue });
    await page.goto(`${SUMMARY}?filter=${queue}`);
    await queueRow(page, queue).getByRole('button', { name: `Pause queue ${queue}` }).click();
    const form = page.getByRole('form', { name: `Pause queue ${queue}` });
    await expect(form).toBeVisible();

    const res = await request.post(`/api/v1/queues/${queue}/pause`, { headers: { 'X-Operator-Reason': 'someone else first' } });
    expect(res.status()).toBe(200);

    await form.getByLabel('Reason').fill('me too');
    await form.getByRole('button', { name: 'Pause queue', exact: true }).click();
    await expect(form.getByTestId('action-error')).toContainText('already paused');
    await expect(form.getByTestId('trace-id')).toHaveText(/^[0-9a-f]{16}$/);
  });

  test('count, queue and state links land on the filtered jobs list', async ({ page, request }) => {
    const queue = `e2e-links-${uniqueSuffix()}`;
    const jobType = `e2e.idle-${uniqueSuffix()}`;
    await enqueue(request, { jobType, queue });
    await enqueue(request, { jobType, queue });
    await enqueue(request, { jobType, queue: `${queue}-other` });

    await page.goto(`${SUMMARY}?filter=${queue}`);
    await queueRow(page, queue).getByTestId('queue-count-queued').click();
    await expect(page).toHaveURL((url) => url.pathname === JOBS && url.searchParams.get('queue') === queue && url.searchParams.get('state') === 'queued');
    await expect(page.getByTestId('job-row')).toHaveCount(2);

    await page.goBack();
    await queueRow(page, queue).getByTestId('queue-name').click();
    await expect(page).toHaveURL((url) => url.pathname === JOBS && url.searchParams.get('queue') === queue && !url.searchParams.has('state'));
    await expect(page.getByTestId('job-row')).toHaveCount(2);

    await page.goto(SUMMARY);
    await page.getByTestId('state-count-queued').click();
    await expect(page).toHaveURL((url) => url.pathname === JOBS && url.searchParams.get('state') === 'queued');
  });

  test('keeps the table filter and sort in the URL', async ({ page, request }) => {
    const prefix = `e2e-sort-${uniqueSuffix()}`;
    const jobType = `e2e.idle-${uniqueSuffix()}`;
    await enqueue(request, { jobType, queue: `${prefix}-a` });
    for (let i = 0; i < 3; i += 1) await enqueue(request, { jobType, queue: `${prefix}-b` });

    await page.goto(SUMMARY);
    await expect(page.getByTestId('queue-row').first()).toBeVisible();
    await page.keyboard.press('f');
    await expect(page.getByLabel('Filter queues')).toBeFocused();
    await page.keyboard.type(prefix);
    await expect(page).toHaveURL((url) => url.searchParams.get('filter') === prefix);
    await expect(page.getByTestId('queue-name')).toHaveText([`${prefix}-a`, `${prefix}-b`]);

    await page.getByRole('combobox', { name: 'Sort by' }).click();
    await page.getByRole('option', { name: 'Waiting jobs' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('sort') === 'backlog');
    await expect(page.getByTestId('queue-name')).toHaveText([`${prefix}-b`, `${prefix}-a`]);

    await page.getByRole('button', { name: 'Sort ascending' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('order') === 'asc');
    await expect(page.getByTestId('queue-name')).toHaveText([`${prefix}-a`, `${prefix}-b`]);

    await page.reload();
    await expect(page.getByLabel('Filter queues')).toHaveValue(prefix);
    await expect(page.getByTestId('queue-name')).toHaveText([`${prefix}-a`, `${prefix}-b`]);

    await page.getByLabel('Filter queues').fill(`${prefix}-none`);
    await expect(page.getByTestId('queues-no-match')).toBeVisible();
  });

  test('lists quotas under pressure with links to the quota and its throttled jobs', async ({ page, request, baseURL }) => {
    const operator = { 'X-Operator-Reason': 'e2e quota pressure' };
    // http.request is the one handled type, so only its claims can be throttled; the quota is removed afterwards.
    const created = await request.post('/api/v1/quotas', { headers: operator, data: { jobType: 'http.request', maxActive: 0 } });
    expect(created.status()).toBe(201);
    try {
      const queue = `e2e-quota-${uniqueSuffix()}`;
      const id = await enqueue(request, { jobType: 'http.request', queue, payload: { url: `${baseURL}/api/v1/healthz` } });
      await expect
        .poll(async () => ((await (await request.get(`/api/v1/jobs/${id}`)).json()) as { state: string }).state, { timeout: 15_000 })
        .toBe('throttled');

      await page.goto(SUMMARY);
      const row = page.locator('[data-testid="quota-pressure-row"][data-job-type="http.request"]');
      await expect(row.getByTestId('quota-signal-active')).toHaveText('running 0 / 0 (at limit)');
      await expect(row.getByTestId('quota-signal-throttled')).toBeVisible();
      await expect(row.getByRole('link', { name: 'http.request' })).toHaveAttribute('href', '/ops/operations/jobengine/quotas?jobType=http.request');

      await row.getByTestId('quota-throttled-link').click();
      await expect(page).toHaveURL((url) => url.pathname === JOBS && url.searchParams.get('state') === 'throttled' && url.searchParams.get('jobType') === 'http.request');
      await expect(page.getByTitle(id)).toBeVisible();
    } finally {
      const removed = await request.delete('/api/v1/quotas/http.request', { headers: operator });
      expect(removed.status()).toBe(204);
    }
  });

  test('shows a failed load with Retry, and keeps the last data when a refresh fails', async ({ page, request }) => {
    const queue = `e2e-err-${uniqueSuffix()}`;
    await enqueue(request, { jobType: `e2e.idle-${uniqueSuffix()}`, queue });
    // The engine does not fail on demand, so the browser's route layer stands in for a failing server.
    const failure = { status: 503, json: { error: { code: 'unavailable', message: 'database unreachable', traceId: '0123456789abcdef' } } };
    await page.route('**/api/v1/queues/health', (route) => route.fulfill(failure));
    await page.goto(`${SUMMARY}?filter=${queue}`);
    const error = page.getByTestId('error-state');
    await expect(error).toContainText('database unreachable', { timeout: 15_000 });
    await expect(error.getByTestId('trace-id')).toHaveText('0123456789abcdef');

    await page.unroute('**/api/v1/queues/health');
    await error.getByRole('button', { name: 'Retry' }).click();
    const row = queueRow(page, queue);
    await expect(row).toBeVisible();

    await page.route('**/api/v1/queues/health', (route) => route.fulfill(failure));
    await page.keyboard.press('r');
    await expect(page.getByTestId('stale-data')).toContainText('database unreachable', { timeout: 15_000 });
    await expect(row).toBeVisible();
  });
});
