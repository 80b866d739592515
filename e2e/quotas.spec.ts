import { expect, test, type APIRequestContext, type Locator, type Page } from './support/test.ts';
import { readFile } from 'node:fs/promises';
import { apiPost, enqueueBatch, unhandledJobType } from './support/api.ts';
import { completeLease, registerWorker, type Lease } from './support/worker-protocol.ts';

const QUOTAS = '/ops/operations/jobengine/quotas';
const OPERATOR = { 'X-Operator-Reason': 'e2e setup' };

interface QuotaJson {
  tenant: string;
  jobType: string;
  maxActive: number | null;
  maxPerHour: number | null;
  burst: number | null;
  refillPerSecond: number | null;
  paused: boolean;
  usage: { active: number; usedThisHour: number; hourEndsAt: string | null; tokens: number | null; throttled: number };
}

async function createQuota(request: APIRequestContext, body: Record<string, unknown>): Promise<void> {
  const res = await request.post('/api/v1/quotas', { data: body, headers: OPERATOR });
  expect(res.status()).toBe(201);
}

async function listQuotas(request: APIRequestContext): Promise<QuotaJson[]> {
  const res = await request.get('/api/v1/quotas');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: QuotaJson[] }).items;
}

async function findQuota(request: APIRequestContext, jobType: string): Promise<QuotaJson | undefined> {
  return (await listQuotas(request)).find((quota) => quota.jobType === jobType);
}

async function quotaAudit(request: APIRequestContext, jobType: string) {
  const res = await request.get(`/api/v1/audit?targetType=quota&targetId=${encodeURIComponent(jobType)}`);
  return ((await res.json()) as { items: Array<{ action: string; reason: string; ticket: string | null }> }).items;
}

const row = (page: Page, jobType: string) => page.locator(`[data-testid="quota-row"][data-job-type="${jobType}"]`);
const value = (scope: Locator, name: 'active' | 'hour' | 'tokens') => scope.getByTestId(`usage-${name}-value`);
const drawer = (page: Page) => page.getByRole('dialog', { name: /^Quota / });

/** Gives the reason (and ticket) in the confirmation dialog and confirms. */
async function confirm(page: Page, dialog: { title: string; button: string }, reason: string, ticket?: string) {
  const form = page.getByRole('form', { name: dialog.title });
  await form.getByLabel('Reason').fill(reason);
  if (ticket) await form.getByLabel('Ticket').fill(ticket);
  await form.getByRole('button', { name: dialog.button, exact: true }).click();
  await expect(form).toBeHidden();
}

test.describe('quotas', () => {
  test('creates a quota with reason and ticket; the row and its audit entry appear', async ({ page, request }) => {
    const jobType = unhandledJobType('quota');
    await page.goto(QUOTAS);
    await page.getByRole('button', { name: 'Create quota' }).first().click();
    const form = page.getByRole('form', { name: 'Create quota' });
    await form.getByLabel('Job type').fill(jobType);
    await form.getByLabel('Max active').fill('3');
    await form.getByLabel('Max per hour').fill('100');
    await form.getByLabel('Reason').fill('cap the new importer');
    await form.getByLabel('Ticket').fill('OPS-7');
    await form.getByRole('button', { name: 'Create quota' }).click();
    await expect(form).toBeHidden();

    await expect(page).toHaveURL((url) => url.searchParams.get('jobType') === jobType);
    await expect(value(row(page, jobType), 'active')).toHaveText('0 / 3');
    await expect(value(row(page, jobType), 'hour')).toHaveText('0 / 100');
    await expect(row(page, jobType).getByTestId('quota-state')).toHaveText('admitting');
    const audit = drawer(page).getByTestId('audit-row');
    await expect(audit).toHaveCount(1);
    await expect(audit.first()).toContainText('quota.create');
    await expect(audit.first()).toContainText('cap the new importer');
    await expect(audit.first()).toContainText('OPS-7');
    expect(await findQuota(request, jobType)).toMatchObject({ maxActive: 3, maxPerHour: 100, burst: null, paused: false });

    // The selected quota is in the URL: a reload reopens its panel.
    await page.reload();
    await expect(drawer(page).getByTestId('audit-row')).toHaveCount(1);
  });

  test('a second quota for the same job type is refused in the dialog with its traceId', async ({ page, request }) => {
    const jobType = unhandledJobType('quota');
    await createQuota(request, { jobType, maxActive: 1 });
    await page.goto(QUOTAS);
    await page.getByRole('button', { name: 'Create quota' }).first().click();
    const form = page.getByRole('form', { name: 'Create quota' });
    await form.getByLabel('Job type').fill(jobType);
    await form.getByLabel('Max active').fill('2');
    await form.getByLabel('Reason').fill('try again');
    await form.getByRole('button', { name: 'Create quota' }).click();
    await expect(form.getByTestId('action-error')).toContainText('already exists');
    await expect(form.getByTestId('trace-id')).toHaveText(/^[0-9a-f]{16}$/);
    expect(await findQuota(request, jobType)).toMatchObject({ maxActive: 1 });
  });

  test('edits limits; the table and the audit trail show the change', async ({ page, request }) => {
    const jobType = unhandledJobType('quota');
    await createQuota(request, { jobType, maxActive: 3, maxPerHour: 100 });
    await page.goto(`${QUOTAS}?jobType=${jobType}`);
    await drawer(page).getByRole('button', { name: 'Edit limits' }).click();
    const form = page.getByRole('form', { name: `Edit quota ${jobType}` });
    await expect(form.getByLabel('Max active')).toHaveValue('3');
    await form.getByLabel('Max active').fill('5');
    await form.getByLabel('Max per hour').fill('');
    await form.getByLabel('Burst').fill('10');
    await form.getByLabel('Refill per second').fill('2');
    await confirm(page, { title: `Edit quota ${jobType}`, button: 'Save limits' }, 'more room for the importer');

    await expect(value(row(page, jobType), 'active')).toHaveText('0 / 5');
    await expect(value(row(page, jobType), 'hour')).toHaveText('0 · no limit');
    await expect(value(row(page, jobType), 'tokens')).toHaveText('10 / 10');
    const latest = drawer(page).getByTestId('audit-row').first();
    await expect(latest).toContainText('quota.update');
    await expect(latest).toContainText('maxActive: 3 → 5');
    await expect(latest).toContainText('maxPerHour: 100 → null');
    expect(await findQuota(request, jobType)).toMatchObject({ maxActive: 5, maxPerHour: null, burst: 10, refillPerSecond: 2 });
  });

  test('invalid values show form messages and write nothing', async ({ page, request }) => {
    const jobType = unhandledJobType('quota');
    await page.goto(QUOTAS);
    await page.getByRole('button', { name: 'Create quota' }).first().click();
    const form = page.getByRole('form', { name: 'Create quota' });
    const submit = form.getByRole('button', { name: 'Create quota' });
    await expect(form.getByTestId('action-blocked')).toHaveText('Enter a job type, or * for every type.');
    await expect(submit).toBeDisabled();

    await form.getByLabel('Job type').fill(`9${jobType}`);
    await expect(form.getByText('jobType must be a job type or "*"')).toBeVisible();
    await form.getByLabel('Job type').fill(jobType);
    await form.getByLabel('Max active').fill('-1');
    await expect(form.getByText('At least 0')).toBeVisible();
    await form.getByLabel('Max active').fill('1.5');
    await expect(form.getByText('A whole number, or empty for no limit')).toBeVisible();
    await form.getByLabel('Max active').fill('abc');
    await expect(form.getByText('A whole number, or empty for no limit')).toBeVisible();
    await form.getByLabel('Max active').fill('2');
    await form.getByLabel('Burst').fill('5');
    await expect(form.getByText('burst and refillPerSecond go together (a token bucket needs both)')).toBeVisible();
    await form.getByLabel('Refill per second').fill('0');
    await expect(form.getByText('Greater than 0')).toBeVisible();
    await form.getByLabel('Reason').fill('should not be written');
    await expect(form.getByTestId('action-blocked')).toHaveText('Fix the fields marked in red.');
    await expect(submit).toBeDisabled();
    await form.getByLabel('Reason').press('Enter');
    await expect(form).toBeVisible();

    expect(await findQuota(request, jobType)).toBeUndefined();
    expect(await quotaAudit(request, jobType)).toEqual([]);

    await form.getByLabel('Refill per second').fill('0.5');
    await expect(submit).toBeEnabled();
  });

  test('pauses and resumes a quota', async ({ page, request }) => {
    const jobType = unhandledJobType('quota');
    await createQuota(request, { jobType, maxActive: 2 });
    await page.goto(`${QUOTAS}?jobType=${jobType}`);
    await drawer(page).getByRole('button', { name: 'Pause' }).click();
    await confirm(page, { title: `Pause quota ${jobType}`, button: 'Pause quota' }, 'upstream outage', 'INC-9');
    await expect(row(page, jobType).getByTestId('quota-state')).toHaveText('paused');
    expect(await findQuota(request, jobType)).toMatchObject({ paused: true });

    await drawer(page).getByRole('button', { name: 'Resume' }).click();
    await confirm(page, { title: `Resume quota ${jobType}`, button: 'Resume quota' }, 'upstream back');
    await expect(row(page, jobType).getByTestId('quota-state')).toHaveText('admitting');
    expect(await findQuota(request, jobType)).toMatchObject({ paused: false });
    const audit = drawer(page).getByTestId('audit-row');
    await expect(audit).toHaveCount(3);
    await expect(audit.nth(0)).toContainText('quota.resume');
    await expect(audit.nth(1)).toContainText('quota.pause');
    await expect(audit.nth(1)).toContainText('INC-9');
  });

  test('deletes a quota', async ({ page, request }) => {
    const jobType = unhandledJobType('quota');
    await createQuota(request, { jobType, maxPerHour: 10 });
    await page.goto(`${QUOTAS}?jobType=${jobType}`);
    await drawer(page).getByRole('button', { name: 'Delete' }).click();
    await confirm(page, { title: `Delete quota ${jobType}`, button: 'Delete quota' }, 'no longer needed');
    await expect(row(page, jobType)).toHaveCount(0);
    await expect(page).toHaveURL((url) => url.searchParams.get('jobType') === null);
    expect(await findQuota(request, jobType)).toBeUndefined();
    expect((await quotaAudit(request, jobType)).map((entry) => entry.action)).toEqual(['quota.delete', 'quota.create']);
  });

  test('exports JSON and CSV snapshots that match the table', async ({ page, request }) => {
    const prefix = unhandledJobType('quota');
    await createQuota(request, { jobType: `${prefix}.a`, maxActive: 4, maxPerHour: 40 });
    await createQuota(request, { jobType: `${prefix}.b`, burst: 7, refillPerSecond: 0.5, paused: true });
    await page.goto(QUOTAS);
    await expect(row(page, `${prefix}.b`)).toBeVisible();
    const tableTypes = await page.getByTestId('quota-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-job-type')));
    const api = await listQuotas(request);
    expect(tableTypes).toEqual(api.map((quota) => quota.jobType));

    const download = async (format: 'JSON' | 'CSV') => {
      await page.getByRole('button', { name: 'Export snapshot' }).click();
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: format }).click()]);
      expect(file.suggestedFilename()).toMatch(new RegExp(`^quotas-default-\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z\\.${format.toLowerCase()}$`));
      return readFile(await file.path(), 'utf8');
    };

    const snapshot = JSON.parse(await download('JSON')) as { tenant: string; generatedAt: string; quotas: QuotaJson[] };
    expect(snapshot.tenant).toBe('default');
    expect(snapshot.quotas.map((quota) => quota.jobType)).toEqual(tableTypes);
    const mine = snapshot.quotas.filter((quota) => quota.jobType.startsWith(prefix));
    expect(mine).toMatchObject([
      { jobType: `${prefix}.a`, maxActive: 4, maxPerHour: 40, burst: null, refillPerSecond: null, paused: false, usage: { active: 0, throttled: 0 } },
      { jobType: `${prefix}.b`, maxActive: null, maxPerHour: null, burst: 7, refillPerSecond: 0.5, paused: true, usage: { active: 0, tokens: 7 } },
    ]);

    const lines = (await download('CSV')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('tenant,jobType,maxActive,maxPerHour,burst,refillPerSecond,paused,active,usedThisHour,hourEndsAt,tokens,throttled,generatedAt');
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows.map((cells) => cells[1])).toEqual(tableTypes);
    expect(rows.find((cells) => cells[1] === `${prefix}.a`)?.slice(0, 8)).toEqual(['default', `${prefix}.a`, '4', '40', '', '', 'false', '0']);
    expect(rows.find((cells) => cells[1] === `${prefix}.b`)?.slice(0, 8)).toEqual(['default', `${prefix}.b`, '', '', '7', '0.5', 'true', '0']);
  });

  test('live usage follows jobs leased and completed through the worker protocol', async ({ page, request }) => {
    const jobType = unhandledJobType('quota');
    await createQuota(request, { jobType, maxActive: 3 });
    await page.goto(`${QUOTAS}?filter=${jobType}`);
    await expect(page.getByTestId('live-status')).toHaveText('Live');
    const quotaRow = row(page, jobType);
    await expect(value(quotaRow, 'active')).toHaveText('0 / 3');

    const workerId = await registerWorker(request, { name: 'e2e-quota-worker', jobType, concurrency: 4 });
    const enqueue = (count: number) => enqueueBatch(request, Array.from({ length: count }, (_, i) => ({ jobType, payload: { i } })));
    // Asks for `limit` and answers what the quota let through (the second lease gets fewer).
    const lease = async (limit: number) => (await apiPost<{ jobs: Lease[] }>(request, '/worker/lease', { workerId, jobTypes: [jobType], limit })).jobs;

    await enqueue(2);
    const first = await lease(2);
    expect(first).toHaveLength(2);
    await expect(value(quotaRow, 'active')).toHaveText('2 / 3');

    await enqueue(2);
    const second = await lease(2);
    expect(second).toHaveLength(1);
    await expect(value(quotaRow, 'active')).toHaveText('3 / 3');
    await expect(quotaRow.getByTestId('quota-throttled')).toHaveText('1');

    for (const job of [...first, ...second]) await completeLease(request, job, { ok: true });
    await expect(value(quotaRow, 'active')).toHaveText('0 / 3');

    await quotaRow.getByTestId('quota-throttled').click();
    await expect(page).toHaveURL((url) => url.pathname === '/ops/operations/jobengine/jobs' && url.searchParams.get('state') === 'throttled' && url.searchParams.get('jobType') === jobType);
    await expect(page.getByTestId('job-row')).toHaveCount(1);
  });

  test('filters job types from the URL, and shows an empty filter result', async ({ page, request }) => {
    const jobType = unhandledJobType('quota');
    await createQuota(request, { jobType, maxActive: 1 });
    await page.goto(`${QUOTAS}?filter=${jobType}`);
    await expect(page.getByTestId('quota-row')).toHaveCount(1);
    await page.keyboard.press('f');
    await expect(page.getByLabel('Filter job types')).toBeFocused();
    await page.getByLabel('Filter job types').fill(`${jobType}-none`);
    await expect(page.getByText('No quota matches this filter')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Filter job types')).toHaveValue(`${jobType}-none`);
    await page.getByRole('button', { name: 'Clear filter' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('filter') === null);
  });

  test('r refreshes the table; an unknown selected job type says there is no quota', async ({ page, request }) => {
    const jobType = unhandledJobType('quota');
    await page.goto(`${QUOTAS}?filter=${jobType}&jobType=${jobType}`);
    await expect(drawer(page).getByTestId('quota-not-found')).toContainText(`No quota for job type ${jobType}`);
    await createQuota(request, { jobType, maxActive: 4 });
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL((url) => url.searchParams.get('jobType') === null);
    await page.keyboard.press('r');
    await expect(value(row(page, jobType), 'active')).toHaveText('0 / 4');
  });

  test('a failed load shows the error with its traceId, and Retry recovers', async ({ page }) => {
    // The real API cannot be made to fail this read on demand, so the browser sees a refusal until the test lifts it.
    let failing = true;
    await page.route('**/api/v1/quotas', (route) =>
      failing
        ? route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'database unreachable', traceId: '0123456789abcdef' } } })
        : route.continue(),
    );
    await page.goto(QUOTAS);
    await expect(page.getByTestId('error-state')).toContainText('database unreachable', { timeout: 15_000 });
    await expect(page.getByTestId('trace-id')).toHaveText('0123456789abcdef');
    failing = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('quotas-table')).toBeVisible();
  });

  test('a refused export shows the error with its traceId', async ({ page }) => {
    // As above: the browser is told the export was refused, to check what the operator sees.
    await page.route('**/api/v1/quotas/export?format=csv', (route) =>
      route.fulfill({ status: 400, json: { error: { code: 'validation_failed', message: 'format: invalid option', traceId: 'fedcba9876543210' } } }),
    );
    await page.goto(QUOTAS);
    await page.getByRole('button', { name: 'Export snapshot' }).click();
    await page.getByRole('menuitem', { name: 'CSV' }).click();
    await expect(page.getByTestId('error-state')).toContainText('format: invalid option');
    await expect(page.getByTestId('trace-id')).toHaveText('fedcba9876543210');
  });
});
