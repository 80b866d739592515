import { expect, request as playwrightRequest } from '@playwright/test';
import { E2E_ADMIN_TOKEN } from './support/auth.ts';
import { test, type APIRequestContext, type Page } from './support/test.ts';
import { enqueue, enqueueBatch, uniqueSuffix, unhandledJobType } from './support/api.ts';
import { failAllAsWorker } from './support/worker-protocol.ts';

const OVERVIEW = '/ops/operations/jobs-queues';
const PERMANENT = { code: 'e2e_overview', message: 'order 7 has no customer', class: 'permanent', retryable: false } as const;
const OPERATOR = { 'X-Operator-Reason': 'e2e: overview statuses' };

/** A tenant of its own per test: the overview's job, dead-letter and quota numbers are per tenant. */
const uniqueTenant = (prefix: string) => `e2e-${prefix}-${uniqueSuffix()}`;

/** API calls acting for `tenant` (X-Tenant), as the console sends them. */
async function tenantApi(baseURL: string | undefined, tenant: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'X-Tenant': tenant, authorization: `Bearer ${E2E_ADMIN_TOKEN}` } });
}

const card = (page: Page, area: string) => page.getByTestId(`area-${area}`);
const cardStatus = (page: Page, area: string) => card(page, area).getByTestId('area-status');

async function activeWorkerIds(request: APIRequestContext): Promise<string[]> {
  const res = await request.get('/api/v1/workers?state=active');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: Array<{ id: string }> }).items.map((w) => w.id);
}

test.describe('Jobs & Queues overview', () => {
  test('/ops/operations lands on the overview: six cards, each with an icon+text status, and the scanner card of the active kit', async ({ page }) => {
    await page.goto('/ops/operations');
    await expect(page).toHaveURL((url) => url.pathname === OVERVIEW);
    await expect(page.getByTestId('page-title')).toHaveText('Jobs & Queues');
    for (const area of ['jobEngine', 'scheduler', 'deadLetter', 'quotas', 'workers', 'scanner']) {
      await expect(cardStatus(page, area)).toHaveText(/^(BLOCKING|DEGRADED|INFO)$/);
      await expect(cardStatus(page, area).locator('svg')).toHaveCount(1);
    }
    // The first start imported the sample kit (a demo feed) since no kit was active.
    await expect(card(page, 'scanner').getByTestId('area-summary')).toHaveText(/^Kit [\d.]+ active, \d+ days old$/);
    await expect(card(page, 'scanner').getByTestId('area-figure')).toHaveCount(3);
    await card(page, 'scanner').getByTestId('area-link').click();
    await expect(page).toHaveURL((url) => url.pathname === '/ops/scanner-ops');
  });

  test('Worker fleet turns BLOCKING when every worker is drained, its link lists the drained workers, and it recovers on resume', async ({ page, baseURL }) => {
    const tenant = uniqueTenant('fleet');
    // Drains are published on the tenant of the call: the page of that tenant hears of them at once.
    const api = await tenantApi(baseURL, tenant);
    await page.goto(`${OVERVIEW}?tenant=${tenant}`);
    await expect(cardStatus(page, 'workers')).toHaveText('INFO');

    const drained: string[] = [];
    try {
      for (const id of await activeWorkerIds(api)) {
        const res = await api.post(`/api/v1/workers/${id}/drain`, { headers: OPERATOR });
        // A worker that went stale since the listing cannot be drained (409) and is not active anyway.
        if (res.status() === 200) drained.push(id);
        else expect(res.status()).toBe(409);
      }
      expect(drained.length).toBeGreaterThan(0);
      await expect(cardStatus(page, 'workers')).toHaveText('BLOCKING');
      await expect(page.getByTestId('overall-status-badge')).toHaveText('BLOCKING');
      const reason = card(page, 'workers').locator('[data-testid="area-reason"][data-code="no_active_worker"]');
      await expect(reason).toContainText('No active worker: nothing claims jobs');

      await reason.getByTestId('reason-link').click();
      await expect(page).toHaveURL((url) => url.pathname === '/ops/operations/scheduler/workers' && url.searchParams.get('state') === 'draining');
      await expect(page).toHaveURL((url) => url.searchParams.get('tenant') === tenant);
      await expect(page.getByTestId('fleet-count-draining')).toHaveAttribute('aria-pressed', 'true');
      const rows = page.getByTestId('worker-row');
      await expect(rows).toHaveCount(drained.length);
      for (const state of await rows.getByTestId('worker-state').allTextContents()) expect(state).toBe('draining');
    } finally {
      for (const id of drained) await api.post(`/api/v1/workers/${id}/resume`, { headers: OPERATOR });
    }
    expect(await activeWorkerIds(api)).toEqual(expect.arrayContaining(drained));
    await page.goto(`${OVERVIEW}?tenant=${tenant}`);
    await expect(cardStatus(page, 'workers')).toHaveText('INFO');
    await api.dispose();
  });

  test('Dead-Letter turns DEGRADED at 10 open entries as they arrive, and its link opens the queue filtered to open entries', async ({ page, baseURL }) => {
    const tenant = uniqueTenant('dlq');
    const api = await tenantApi(baseURL, tenant);
    const jobType = unhandledJobType('overview-dlq');
    await page.goto(`${OVERVIEW}?tenant=${tenant}`);
    await expect(cardStatus(page, 'deadLetter')).toHaveText('INFO');

    // Eleven jobs fail for good through the worker protocol; one entry is resolved, so ten stay open.
    await enqueueBatch(api, Array.from({ length: 11 }, (_, n) => ({ jobType, payload: { n }, maxAttempts: 1 })));
    await failAllAsWorker(api, { name: `overview-${jobType}`, jobType, count: 11, error: PERMANENT });
    await expect(card(page, 'deadLetter').getByTestId('area-figure').first()).toContainText('11');
    const entries = (await (await api.get(`/api/v1/dead-letter?jobType=${jobType}`)).json()) as { items: Array<{ id: string }> };
    const resolved = await api.post(`/api/v1/dead-letter/${entries.items[0]?.id}/resolve`, { headers: OPERATOR, data: { note: 'e2e' } });
    expect(resolved.status()).toBe(200);

    await expect(cardStatus(page, 'deadLetter')).toHaveText('DEGRADED');
    const reason = card(page, 'deadLetter').locator('[data-testid="area-reason"][data-code="dead_letter_open"]');
    await expect(reason).toContainText('10 open entries (warn at 10)');
    await reason.getByTestId('reason-link').click();
    await expect(page).toHaveURL((url) => url.pathname === '/ops/operations/dead-letter/queue' && url.searchParams.get('status') === 'open');
    await expect(page).toHaveURL((url) => url.searchParams.get('tenant') === tenant);
    const rows = page.getByTestId('dead-letter-row');
    await expect(rows).toHaveCount(10);
    for (const status of await rows.getByTestId('dead-letter-status').allTextContents()) expect(status).toBe('open');
    await api.dispose();
  });

  test('JobEngine turns DEGRADED at 100 queued jobs in a queue and its link opens the jobs list filtered to them', async ({ page, baseURL }) => {
    const tenant = uniqueTenant('depth');
    const api = await tenantApi(baseURL, tenant);
    const jobType = unhandledJobType('overview-depth');
    const queue = `deep-${uniqueSuffix()}`;
    const other = `other-${uniqueSuffix()}`;
    await enqueueBatch(api, Array.from({ length: 3 }, () => ({ jobType, queue: other })));
    await page.goto(`${OVERVIEW}?tenant=${tenant}`);
    await expect(cardStatus(page, 'jobEngine')).toHaveText('INFO');

    await enqueueBatch(api, Array.from({ length: 100 }, () => ({ jobType, queue })));
    await expect(cardStatus(page, 'jobEngine')).toHaveText('DEGRADED');
    const reason = card(page, 'jobEngine').locator('[data-testid="area-reason"][data-code="queue_depth"]');
    await expect(reason).toContainText(`${queue}: 100 jobs queued (warn at 100)`);
    await reason.getByTestId('reason-link').click();
    await expect(page).toHaveURL(
      (url) => url.pathname === '/ops/operations/jobengine/jobs' && url.searchParams.get('state') === 'queued' && url.searchParams.get('queue') === queue,
    );
    await expect(page.getByLabel('Queue')).toHaveValue(queue);
    await expect(page.getByTestId('job-row').filter({ hasText: queue })).toHaveCount(50);
    await expect(page.getByTestId('job-row').filter({ hasText: other })).toHaveCount(0);
    await api.dispose();
  });

  test('the tenant switcher shows the other tenant’s data only, and the tenant stays in the URL across navigation and reload', async ({ page, baseURL }) => {
    const tenantA = uniqueTenant('a');
    const tenantB = uniqueTenant('b');
    const apiA = await tenantApi(baseURL, tenantA);
    const apiB = await tenantApi(baseURL, tenantB);
    const typeA = unhandledJobType('tenant-a');
    const typeB = unhandledJobType('tenant-b');
    await enqueue(apiA, { jobType: typeA });
    await enqueue(apiB, { jobType: typeB });

    await page.goto(`/ops/operations/jobengine/jobs?tenant=${tenantA}`);
    await expect(page.getByTestId('tenant-switcher')).toHaveText(tenantA);
    await expect(page.getByTestId('job-row').filter({ hasText: typeA })).toHaveCount(1);
    await expect(page.getByTestId('job-row').filter({ hasText: typeB })).toHaveCount(0);

    // A name that is no tenant is refused in the switcher, nothing changes.
    await page.getByTestId('tenant-switcher').click();
    await page.getByTestId('tenant-input').fill('Not A Tenant');
    await page.getByRole('button', { name: 'Switch', exact: true }).click();
    await expect(page.getByText('Lowercase letters, digits')).toBeVisible();
    await expect(page).toHaveURL((url) => url.searchParams.get('tenant') === tenantA);

    // Tenant B is listed (it has jobs) and switching to it refetches the page for it.
    await page.getByRole('option', { name: tenantB }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/ops/operations/jobengine/jobs' && url.searchParams.get('tenant') === tenantB);
    await expect(page.getByTestId('tenant-switcher')).toHaveText(tenantB);
    await expect(page.getByTestId('job-row').filter({ hasText: typeB })).toHaveCount(1);
    await expect(page.getByTestId('job-row').filter({ hasText: typeA })).toHaveCount(0);

    await page.getByRole('navigation', { name: 'Operations' }).getByRole('link', { name: 'Jobs & Queues' }).click();
    await expect(page).toHaveURL((url) => url.pathname === OVERVIEW && url.searchParams.get('tenant') === tenantB);
    await expect(page.getByTestId('overall-status')).toContainText(`tenant ${tenantB}`);
    await expect(card(page, 'jobEngine').getByTestId('area-summary')).toHaveText('1 job queued in 1 queue');
    await page.getByRole('navigation', { name: 'Operations' }).getByRole('link', { name: 'Jobs', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/ops/operations/jobengine/jobs' && url.searchParams.get('tenant') === tenantB);
    await page.reload();
    await expect(page.getByTestId('tenant-switcher')).toHaveText(tenantB);
    await expect(page.getByTestId('job-row').filter({ hasText: typeB })).toHaveCount(1);
    await expect(page.getByTestId('job-row').filter({ hasText: typeA })).toHaveCount(0);

    // Back to the default tenant: the parameter leaves the URL.
    await page.keyboard.press('t');
    await page.getByRole('option', { name: 'default', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/ops/operations/jobengine/jobs' && !url.searchParams.has('tenant'));
    await expect(page.getByTestId('job-row').filter({ hasText: typeB })).toHaveCount(0);
    await apiA.dispose();
    await apiB.dispose();
  });

  test('? opens the help with the shell keys and the page’s own, which change with the page', async ({ page }) => {
    await page.goto('/ops/operations/jobengine/jobs');
    await expect(page.getByTestId('jobs-table').or(page.getByTestId('jobs-empty'))).toBeVisible();
    await page.keyboard.press('Shift+?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help.getByTestId('shell-shortcuts')).toContainText('Switch tenant');
    await expect(help.getByTestId('page-shortcuts').getByRole('row')).toHaveText([/fFocus the filter/, /rRefresh/]);
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    // `f` does what the help says.
    await page.keyboard.press('f');
    await expect(page.getByLabel('Text')).toBeFocused();

    await page.goto(OVERVIEW);
    await expect(cardStatus(page, 'scanner')).toHaveText('INFO');
    await page.keyboard.press('Shift+?');
    await expect(help.getByTestId('page-shortcuts').getByRole('row')).toHaveText([/rRefresh every card/]);
  });

  test('a failed load shows the error with Retry and traceId; an unreachable API later keeps the last cards under a degraded banner', async ({ page }) => {
    // Each failure is retried twice with back-off before it shows: a hang guard for three of them on a loaded machine.
    test.setTimeout(60_000);
    // The engine does not fail on demand, so the browser's route layer stands in for a failing or unreachable server.
    const failure = { status: 503, json: { error: { code: 'unavailable', message: 'database unreachable', traceId: '0123456789abcdef' } } };
    await page.route('**/api/v1/overview', (route) => route.fulfill(failure));
    await page.goto(OVERVIEW);
    const error = page.getByTestId('error-state');
    await expect(error).toContainText('database unreachable', { timeout: 15_000 });
    await expect(error.getByTestId('trace-id')).toHaveText('0123456789abcdef');
    await expect(error.getByRole('button', { name: 'Copy traceId' })).toBeVisible();

    await page.unroute('**/api/v1/overview');
    await error.getByRole('button', { name: 'Retry' }).click();
    await expect(cardStatus(page, 'scanner')).toHaveText('INFO');

    await page.route('**/api/v1/overview', (route) => route.abort('connectionrefused'));
    await page.keyboard.press('r');
    const stale = page.getByTestId('stale-data');
    await expect(stale).toContainText('The API could not be reached', { timeout: 15_000 });
    await expect(card(page, 'workers')).toBeVisible();
    await expect(page.getByTestId('overall-status')).toBeVisible();

    await page.unroute('**/api/v1/overview');
    await stale.getByRole('button', { name: 'Retry' }).click();
    await expect(stale).toBeHidden();
    await expect(cardStatus(page, 'scanner')).toHaveText('INFO');
  });
});
