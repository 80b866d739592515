import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { apiPost, enqueue, unhandledJobType } from './support/api.ts';
import { registerWorker } from './support/worker-protocol.ts';

const WORKERS = '/ops/operations/scheduler/workers';
const HEARTBEAT_MS = 3_000;

interface LeaseAnswer {
  jobs: Array<{ jobId: string; leaseId: string }>;
  workerState: string;
}

/** A worker registered through the HTTP protocol, heartbeating like the SDK does until `stop()`. */
async function httpWorker(request: APIRequestContext, jobType: string, name: string) {
  const details = { host: 'e2e-host', pid: 4242, version: '0.0.1-e2e', labels: { pool: 'e2e' } };
  const workerId = await registerWorker(request, { name, jobType, concurrency: 2, details });
  const beat = () => request.post('/api/v1/worker/heartbeat', { data: { workerId, activeJobs: 0 } }).catch(() => undefined);
  const timer = setInterval(() => void beat(), HEARTBEAT_MS);
  return {
    workerId,
    lease: () => apiPost<LeaseAnswer>(request, '/worker/lease', { workerId, jobTypes: [jobType], limit: 5 }),
    stop: () => clearInterval(timer),
  };
}

async function jobState(request: APIRequestContext, id: string): Promise<string> {
  return ((await (await request.get(`/api/v1/jobs/${id}`)).json()) as { state: string }).state;
}

const row = (page: Page, workerId: string) => page.locator(`[data-testid="worker-row"][data-worker-id="${workerId}"]`);
const panel = (page: Page) => page.getByTestId('worker-detail');

async function confirm(page: Page, title: string, button: string, reason: string, ticket?: string) {
  const form = page.getByRole('form', { name: title });
  await form.getByLabel('Reason').fill(reason);
  if (ticket) await form.getByLabel('Ticket').fill(ticket);
  await form.getByRole('button', { name: button, exact: true }).click();
  await expect(form).toBeHidden();
}

test.describe('workers', () => {
  test("the server's in-process worker is registered and active", async ({ page }) => {
    await page.goto(`${WORKERS}?q=execops-server`);
    const inProcess = page.getByTestId('worker-row').filter({ hasText: 'execops-server' }).first();
    await expect(inProcess.getByTestId('worker-state')).toHaveText('active');
    await expect(page.getByTestId('fleet-count-active').getByTestId('fleet-count-value')).not.toHaveText('0');
    await inProcess.getByRole('link', { name: 'execops-server' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('worker') !== null);
    await expect(panel(page).getByTestId('worker-labels')).toContainText('runtime=in-process');
  });

  test('drain stops an HTTP worker claiming while its running job stays its own; resume lets it claim again', async ({ page, request }) => {
    const jobType = unhandledJobType('fleet');
    const name = unhandledJobType('worker');
    const worker = await httpWorker(request, jobType, name);
    try {
      const running = await enqueue(request, { jobType, payload: {} });
      const [leased] = (await worker.lease()).jobs;
      expect(leased?.jobId).toBe(running);

      await page.goto(`${WORKERS}?jobType=${encodeURIComponent(jobType)}`);
      await expect(page.getByTestId('worker-row')).toHaveCount(1);
      await expect(row(page, worker.workerId).getByTestId('worker-state')).toHaveText('active');
      await expect(row(page, worker.workerId)).toContainText('0.0.1-e2e');
      await row(page, worker.workerId).getByRole('link', { name }).click();
      await expect(panel(page).getByTestId('worker-job')).toHaveCount(1);
      await expect(panel(page).getByTestId('worker-job').getByRole('link')).toHaveText(running);
      await expect(panel(page).getByTestId('worker-labels')).toHaveText('pool=e2e');

      await panel(page).getByRole('button', { name: 'Drain' }).click();
      await confirm(page, `Drain worker ${name}`, 'Drain worker', 'host maintenance', 'OPS-42');
      await expect(panel(page).getByTestId('worker-state')).toHaveText('draining');
      await expect(row(page, worker.workerId).getByTestId('worker-state')).toHaveText('draining');
      await expect(panel(page).getByTestId('audit-row').first()).toContainText('host maintenance');

      const waiting = await enqueue(request, { jobType, payload: {} });
      expect(await worker.lease()).toEqual({ jobs: [], workerState: 'draining' });
      expect(await jobState(request, waiting)).toBe('queued');
      const done = await request.post(`/api/v1/worker/jobs/${running}/complete`, { data: { leaseId: leased!.leaseId } });
      expect(done.status()).toBe(200);
      expect(await jobState(request, waiting)).toBe('queued');
      // The completion is a job event: the panel's running jobs and counters follow without a reload.
      await expect(panel(page).getByTestId('worker-no-jobs')).toBeVisible();
      await expect(panel(page).getByTestId('worker-counters')).toHaveText('0 / 1 / 0');

      await panel(page).getByRole('button', { name: 'Resume' }).click();
      await confirm(page, `Resume worker ${name}`, 'Resume worker', 'maintenance done');
      await expect(panel(page).getByTestId('worker-state')).toHaveText('active');
      await expect(panel(page).getByTestId('audit-row')).toHaveCount(2);
      const again = await worker.lease();
      expect(again.workerState).toBe('active');
      expect(again.jobs.map((job) => job.jobId)).toEqual([waiting]);
    } finally {
      worker.stop();
    }
  });

  test('an offline worker cannot be drained, and the filters and selection live in the URL', async ({ page, request }) => {
    const jobType = unhandledJobType('gone');
    const name = unhandledJobType('worker');
    const worker = await httpWorker(request, jobType, name);
    worker.stop();
    expect((await request.post('/api/v1/worker/deregister', { data: { workerId: worker.workerId } })).status()).toBe(200);

    await page.goto(WORKERS);
    await expect(page.getByTestId('workers-table')).toBeVisible();
    await page.keyboard.press('f');
    await expect(page.getByLabel('Text')).toBeFocused();
    await page.keyboard.type(name);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('q') === name);
    await expect(page.getByTestId('worker-row')).toHaveCount(1);
    await row(page, worker.workerId).getByRole('link', { name }).click();
    await page.reload();
    await expect(panel(page).getByTestId('worker-state')).toHaveText('offline');
    const drain = panel(page).getByRole('button', { name: 'Drain' });
    await expect(drain).toHaveAttribute('aria-disabled', 'true');
    await drain.hover();
    await expect(page.getByRole('tooltip')).toContainText('It is offline');

    await page.keyboard.press('Escape');
    await expect(page).toHaveURL((url) => url.searchParams.get('worker') === null && url.searchParams.get('q') === name);
    await page.getByTestId('fleet-count-active').click();
    await expect(page).toHaveURL((url) => url.searchParams.get('state') === 'active');
    await expect(page.getByTestId('workers-empty')).toContainText('No worker matches these filters');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL((url) => !url.searchParams.has('q') && !url.searchParams.has('state'));
  });

  test('a failed load shows Retry and its traceId; a failed refresh keeps the last workers', async ({ page }) => {
    const failure = { status: 503, json: { error: { code: 'unavailable', message: 'database unreachable', traceId: 'fedcba9876543210' } } };
    await page.route('**/api/v1/workers?*', (route) => route.fulfill(failure));
    await page.route('**/api/v1/workers', (route) => route.fulfill(failure));
    await page.goto(WORKERS);
    const error = page.getByTestId('error-state');
    await expect(error).toContainText('database unreachable', { timeout: 15_000 });
    await expect(error.getByTestId('trace-id')).toHaveText('fedcba9876543210');

    await page.unroute('**/api/v1/workers?*');
    await page.unroute('**/api/v1/workers');
    await error.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('workers-table')).toBeVisible();

    await page.route('**/api/v1/workers', (route) => route.fulfill(failure));
    await page.keyboard.press('r');
    await expect(page.getByTestId('stale-data')).toContainText('database unreachable', { timeout: 15_000 });
    await expect(page.getByTestId('workers-table')).toBeVisible();
  });
});
