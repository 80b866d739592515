import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { enqueueBatch } from './support/api.ts';
import { failAllAsWorker, type JobFailure } from './support/worker-protocol.ts';

const OVERVIEW = '/ops/operations/dead-letter';
const QUEUE = '/ops/operations/dead-letter/queue';
const JOBS = '/ops/operations/jobengine/jobs';

/** Letters g–z only: the cluster key normalises digits and hex, and these tokens must keep clusters apart. */
const token = () => Array.from({ length: 10 }, () => 'ghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 20)]).join('');

interface Cluster {
  clusterKey: string;
  code: string;
  open: number;
}

interface Stats {
  open: number;
  retryableOpen: number;
  mostCommonError: Cluster | null;
  topClusters: Cluster[];
}

interface Entry {
  id: string;
  jobId: string;
  status: string;
  replayedJobIds: string[];
}

/** Enqueues `count` jobs of `jobType` and fails them terminally; returns the failed job ids. */
async function deadLetter(request: APIRequestContext, jobType: string, count: number, error: JobFailure): Promise<string[]> {
  const ids = await enqueueBatch(request, Array.from({ length: count }, () => ({ jobType, maxAttempts: 1 })));
  await failAllAsWorker(request, { name: 'e2e-dead-letter', jobType, count, error });
  return ids;
}

async function stats(request: APIRequestContext): Promise<Stats> {
  const res = await request.get('/api/v1/dead-letter/stats');
  expect(res.status()).toBe(200);
  return (await res.json()) as Stats;
}

async function clusterOf(request: APIRequestContext, code: string): Promise<Cluster> {
  const cluster = (await stats(request)).topClusters.find((c) => c.code === code);
  expect(cluster, `cluster ${code} in the stats`).toBeDefined();
  return cluster!;
}

async function entriesOf(request: APIRequestContext, jobType: string): Promise<Entry[]> {
  const res = await request.get(`/api/v1/dead-letter?jobType=${jobType}&limit=100`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: Entry[] }).items;
}

const clusterRow = (page: Page, code: string) =>
  page.getByTestId('cluster-row').filter({ has: page.getByTestId('cluster-code').getByText(code, { exact: true }) });
const cardValue = (page: Page, card: string) => page.getByTestId(card).getByTestId('stat-value');

/** Two clusters of one test: three permanent failures and two retryable ones, each in its own job type. */
function twoClusters() {
  const id = token();
  return {
    broken: {
      jobType: `e2e.dlq-broken-${id}`,
      error: { code: `e2e_broken_${id}`, message: `payload rejected by ${id}`, class: 'permanent', retryable: false } satisfies JobFailure,
    },
    flaky: {
      jobType: `e2e.dlq-flaky-${id}`,
      error: { code: `e2e_flaky_${id}`, message: `upstream ${id} unavailable`, class: 'transient', retryable: true } satisfies JobFailure,
    },
  };
}

test.describe('dead-letter overview', () => {
  test('cards and clusters count real terminal failures, follow live events and deep-link into the queue', async ({ page, request }) => {
    const { broken, flaky } = twoClusters();
    await deadLetter(request, broken.jobType, 3, broken.error);
    await deadLetter(request, flaky.jobType, 2, flaky.error);

    await page.goto(OVERVIEW);
    const brokenRow = clusterRow(page, broken.error.code);
    const flakyRow = clusterRow(page, flaky.error.code);
    await expect(brokenRow.getByTestId('cluster-open')).toHaveText('3');
    await expect(brokenRow.getByTestId('cluster-message')).toHaveText(broken.error.message);
    await expect(brokenRow.getByTestId('cluster-job-type')).toHaveText([broken.jobType]);
    await expect(brokenRow.getByTestId('error-class')).toHaveText('permanent');
    await expect(brokenRow.getByTestId('error-retryable')).toHaveText('not retryable');
    await expect(flakyRow.getByTestId('cluster-open')).toHaveText('2');
    await expect(flakyRow.getByTestId('error-class')).toHaveText('transient');
    await expect(flakyRow.getByTestId('error-retryable')).toHaveText('retryable');

    // The cards are the tenant's figures, the same the API gives (other tests' entries included).
    const api = await stats(request);
    await expect(cardValue(page, 'stat-open')).toHaveText(api.open.toLocaleString('en-US'));
    await expect(cardValue(page, 'stat-retryable')).toHaveText(api.retryableOpen.toLocaleString('en-US'));
    await expect(cardValue(page, 'stat-common')).toHaveText(api.mostCommonError!.code);
    expect(api.open).toBeGreaterThanOrEqual(5);
    expect(api.retryableOpen).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('stat-oldest').getByTestId('duration')).toBeVisible();
    await expect(page.getByTestId('last24h-chart').locator('canvas')).toBeVisible();
    await expect(page.locator(`[data-testid="job-type-row"][data-job-type="${broken.jobType}"]`).getByTestId('job-type-open')).toHaveText('3');
    await expect(page.getByTestId('live-status')).toHaveText('Live');

    // A failure elsewhere reaches the page through the event stream, without a reload.
    await deadLetter(request, broken.jobType, 1, broken.error);
    await expect(brokenRow.getByTestId('cluster-open')).toHaveText('4');
    await expect(cardValue(page, 'stat-open')).toHaveText((api.open + 1).toLocaleString('en-US'));

    // The cluster filter lives in the URL and survives a reload; f focuses it.
    await page.keyboard.press('f');
    await expect(page.getByLabel('Filter clusters')).toBeFocused();
    await page.keyboard.type(flaky.jobType);
    await expect(page).toHaveURL((url) => url.searchParams.get('filter') === flaky.jobType);
    await page.reload();
    await expect(page.getByTestId('cluster-row')).toHaveCount(1);
    await expect(flakyRow).toBeVisible();
    await page.getByLabel('Filter clusters').fill('');

    const { clusterKey } = await clusterOf(request, broken.error.code);
    await brokenRow.getByRole('link', { name: 'Open in queue' }).click();
    await expect(page).toHaveURL(
      (url) => url.pathname === QUEUE && url.searchParams.get('status') === 'open' && url.searchParams.get('cluster') === clusterKey,
    );

    await page.goto(OVERVIEW);
    await page.getByTestId('stat-retryable').click();
    await expect(page).toHaveURL((url) => url.pathname === QUEUE && url.search === '?status=open&retryable=true');
    await page.goBack();
    await page.getByTestId('stat-open').click();
    await expect(page).toHaveURL((url) => url.pathname === QUEUE && url.search === '?status=open');
    await page.goBack();
    await page.getByRole('link', { name: flaky.jobType, exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === QUEUE && url.searchParams.get('jobType') === flaky.jobType);
  });

  test('replays exactly the open entries of one cluster with a reason; the figures update', async ({ page, request }) => {
    const { broken, flaky } = twoClusters();
    const failedIds = await deadLetter(request, broken.jobType, 4, broken.error);
    await deadLetter(request, flaky.jobType, 2, flaky.error);
    // One entry of the cluster was replayed already: it is no longer open, so the cluster replay leaves it alone.
    const [earlier] = await entriesOf(request, broken.jobType);
    const replayedEarlier = await request.post(`/api/v1/dead-letter/${earlier!.id}/replay`, {
      data: {},
      headers: { 'X-Operator-Reason': 'e2e single replay', 'Idempotency-Key': `e2e-${earlier!.id}` },
    });
    expect(replayedEarlier.status()).toBe(201);
    const openBefore = (await stats(request)).open;

    await page.goto(OVERVIEW);
    await expect(cardValue(page, 'stat-open')).toHaveText(openBefore.toLocaleString('en-US'));
    const brokenRow = clusterRow(page, broken.error.code);
    await expect(brokenRow.getByTestId('cluster-open')).toHaveText('3');
    await brokenRow.getByRole('button', { name: 'Replay this cluster' }).click();

    const dialog = page.getByRole('form', { name: 'Replay cluster' });
    await expect(dialog.getByTestId('bulk-dry-run')).toHaveText('3 entries of this cluster will be replayed as new jobs.');
    // The reason is required: without it nothing is sent.
    await dialog.getByRole('button', { name: 'Replay 3' }).click();
    await expect(dialog.getByText(/reason is required/i)).toBeVisible();
    await dialog.getByLabel('Priority').fill('5000');
    await expect(dialog.getByTestId('action-blocked')).toHaveText(/from -1000 to 1000/);
    await dialog.getByLabel('Priority').fill('-40');
    await dialog.getByLabel(/reason/i).fill('e2e upstream fixed');
    await dialog.getByLabel(/ticket/i).fill('OPS-77');
    await dialog.getByRole('button', { name: 'Replay 3' }).click();
    await expect(dialog).toBeHidden();

    const notice = page.getByRole('alert').filter({ hasText: `Cluster ${broken.error.code}: 3 replayed` });
    await expect(notice).toBeVisible();
    await expect(brokenRow).toHaveCount(0);
    await expect(clusterRow(page, flaky.error.code).getByTestId('cluster-open')).toHaveText('2');
    await expect(cardValue(page, 'stat-open')).toHaveText((openBefore - 3).toLocaleString('en-US'));

    // Each entry was replayed once, as one new job pointing back at its failed job; the flaky cluster is untouched.
    const replayed = await entriesOf(request, broken.jobType);
    expect(replayed.map((entry) => entry.jobId).sort()).toEqual([...failedIds].sort());
    expect(replayed.every((entry) => entry.status === 'replayed' && entry.replayedJobIds.length === 1)).toBe(true);
    const jobs = ((await (await request.get(`/api/v1/jobs?jobType=${broken.jobType}&state=queued`)).json()) as {
      items: Array<{ id: string; replayOf: string | null; priority: number }>;
    }).items;
    expect(jobs.map((job) => job.replayOf).sort()).toEqual([...failedIds].sort());
    expect(new Set(jobs.map((job) => job.id))).toEqual(new Set(replayed.flatMap((entry) => entry.replayedJobIds)));
    const earlierJob = replayed.find((entry) => entry.id === earlier!.id)!.replayedJobIds[0];
    expect(jobs.filter((job) => job.priority === -40).map((job) => job.id).sort()).toEqual(
      jobs.map((job) => job.id).filter((id) => id !== earlierJob).sort(),
    );
    expect((await entriesOf(request, flaky.jobType)).map((entry) => entry.status)).toEqual(['open', 'open']);

    const bulkReplayed = replayed.find((entry) => entry.id !== earlier!.id)!;
    const audit = await request.get(`/api/v1/audit?targetType=deadletter&targetId=${bulkReplayed.id}`);
    expect(((await audit.json()) as { items: Array<{ action: string; reason: string; ticket: string | null }> }).items).toMatchObject([
      { action: 'deadletter.replay', reason: 'e2e upstream fixed', ticket: 'OPS-77' },
    ]);

    await notice.getByRole('link', { name: `Jobs of ${broken.jobType}` }).click();
    await expect(page).toHaveURL((url) => url.pathname === JOBS && url.searchParams.get('jobType') === broken.jobType);
    await expect(page.getByTestId('job-row')).toHaveCount(8);
  });

  test('shows a failed load with Retry and its traceId, and keeps the last figures when a refresh fails', async ({ page }) => {
    // The engine does not fail on demand, so the browser's route layer stands in for a failing server.
    const failure = { status: 503, json: { error: { code: 'unavailable', message: 'database unreachable', traceId: '0123456789abcdef' } } };
    await page.route('**/api/v1/dead-letter/stats', (route) => route.fulfill(failure));
    await page.goto(OVERVIEW);
    const error = page.getByTestId('error-state');
    await expect(error).toContainText('database unreachable', { timeout: 15_000 });
    await expect(error.getByTestId('trace-id')).toHaveText('0123456789abcdef');

    await page.unroute('**/api/v1/dead-letter/stats');
    await error.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('stat-open')).toBeVisible();

    await page.route('**/api/v1/dead-letter/stats', (route) => route.fulfill(failure));
    await page.keyboard.press('r');
    await expect(page.getByTestId('stale-data')).toContainText('database unreachable', { timeout: 15_000 });
    await expect(page.getByTestId('stat-open')).toBeVisible();
  });
});
