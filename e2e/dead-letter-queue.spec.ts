import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { readFile } from 'node:fs/promises';
import { enqueueBatch } from './support/api.ts';
import { completeLease, failLease, leaseJobs, registerWorker, type JobFailure } from './support/worker-protocol.ts';

const QUEUE = '/ops/operations/dead-letter/queue';

/** Letters only: the cluster key normalises digits, and each test needs clusters of its own. */
const letters = (length: number) => Array.from({ length }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
/** A job type no built-in worker handles, so its jobs run only when the test leases them. */
const unhandledType = () => `e2e.dlq-${letters(10)}`;

interface Entry {
  id: string;
  jobId: string;
  status: string;
  clusterKey: string;
  error: { code: string; retryable: boolean };
  replayedJobIds: string[];
  resolution: { note: string } | null;
}

/** The test's worker for `jobType`, with room to lease every job of a test at once. */
const testWorker = (jobType: string) => ({ name: 'e2e-dead-letter', jobType, concurrency: 100 });

/** Enqueues one single-attempt job per error and fails each for good through the worker protocol; returns the job ids. */
async function deadLetter(request: APIRequestContext, jobType: string, errors: readonly JobFailure[]): Promise<string[]> {
  const ids = await enqueueBatch(request, errors.map(() => ({ jobType, maxAttempts: 1 })));
  const errorOf = new Map(ids.map((id, index) => [id, errors[index]!]));
  const workerId = await registerWorker(request, testWorker(jobType));
  for (const lease of await leaseJobs(request, workerId, jobType, ids.length)) {
    await failLease(request, lease, errorOf.get(lease.jobId)!);
  }
  return ids;
}

async function listEntries(request: APIRequestContext, query: string): Promise<Entry[]> {
  const res = await request.get(`/api/v1/dead-letter?limit=500&${query}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: Entry[] }).items;
}

async function jobState(request: APIRequestContext, jobId: string): Promise<string> {
  const res = await request.get(`/api/v1/jobs/${jobId}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { state: string }).state;
}

const rows = (page: Page) => page.getByTestId('dead-letter-row');
const row = (page: Page, id: string) => page.locator(`[data-testid="dead-letter-row"][data-entry-id="${id}"]`);
const rowIds = (page: Page) => rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-entry-id')));
const sorted = (ids: readonly (string | null)[]) => [...ids].sort();

async function confirmWithReason(page: Page, title: string, reason: string) {
  const dialog = page.getByRole('form', { name: title });
  await dialog.getByLabel(/reason/i).fill(reason);
  await dialog.getByRole('button', { name: new RegExp(`^${title}`) }).click();
  await expect(dialog).toBeHidden();
}

async function download(page: Page, format: 'CSV' | 'JSON' | 'NDJSON'): Promise<string> {
  await page.getByRole('button', { name: 'Export' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: format, exact: true }).click();
  const file = await (await downloading).path();
  return readFile(file, 'utf8');
}

/** The `id` column of a CSV export (ids are UUIDs, never quoted). */
function csvIds(csv: string): string[] {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  expect(header!.split(',')[0]).toBe('id');
  return lines.map((line) => line.split(',')[0]!);
}

test.describe('dead-letter queue', () => {
  test('replays a whole cluster across pages, then resolves the rest with a note, and exports the filter', async ({ page, request }) => {
    // One long operator story over 54 real failures; the default 30 s is for single-screen tests.
    test.setTimeout(120_000);
    const jobType = unhandledType();
    const upstream: JobFailure = { code: `e2e_upstream_${letters(6)}`, message: 'upstream refused the call', class: 'permanent', retryable: false };
    const schema: JobFailure = { code: `e2e_schema_${letters(6)}`, message: 'payload does not match the schema', class: 'permanent', retryable: false };
    await deadLetter(request, jobType, [...Array.from({ length: 52 }, () => upstream), schema, schema]);

    const entries = await listEntries(request, `jobType=${jobType}`);
    expect(entries).toHaveLength(54);
    const upstreamEntries = entries.filter((entry) => entry.error.code === upstream.code);
    const schemaEntries = entries.filter((entry) => entry.error.code === schema.code);
    const cluster = upstreamEntries[0]!.clusterKey;
    expect(new Set(upstreamEntries.map((entry) => entry.clusterKey))).toEqual(new Set([cluster]));
    expect(schemaEntries[0]!.clusterKey).not.toBe(cluster);

    // The overview's deep link: open entries of one cluster.
    await page.goto(`${QUEUE}?status=open&cluster=${encodeURIComponent(cluster)}`);
    await expect(rows(page)).toHaveCount(50);
    await expect(page.getByLabel('Cluster')).toHaveValue(cluster);
    await expect(rows(page).first().getByTestId('dead-letter-status')).toHaveText('open');
    await expect(rows(page).first().getByTestId('dead-letter-error')).toHaveAttribute('title', `${upstream.code}: ${upstream.message}`);

    await page.getByLabel('Select all entries on this page').check();
    await expect(page.getByTestId('selection-summary')).toHaveText('50 selected on this page');
    await page.getByRole('button', { name: 'Select all 52 entries matching these filters' }).click();
    await expect(page.getByTestId('selection-summary')).toHaveText('All 52 entries matching these filters are selected');

    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Replay' }).click();
    const replayDialog = page.getByRole('form', { name: 'Replay entries' });
    await expect(replayDialog.getByTestId('bulk-dry-run')).toHaveText('52 of the 52 selected entries will be replayed as new jobs.');
    await replayDialog.getByLabel('Priority of the new jobs').fill('5000');
    await expect(replayDialog.getByTestId('action-blocked')).toHaveText(/−1000 to 1000/);
    await replayDialog.getByLabel('Priority of the new jobs').fill('-10');
    await confirmWithReason(page, 'Replay entries', 'e2e upstream fixed');
    await expect(page.getByText('52 replayed')).toBeVisible();
    await expect(page.getByTestId('bulk-bar')).toBeHidden();
    // Replayed entries are no longer open: the filtered view empties.
    await expect(page.getByTestId('dead-letter-empty')).toContainText('No entries match these filters');

    const replayed = await listEntries(request, `cluster=${encodeURIComponent(cluster)}`);
    expect(replayed).toHaveLength(52);
    expect(replayed.every((entry) => entry.status === 'replayed' && entry.replayedJobIds.length === 1)).toBe(true);
    const replayJobIds = replayed.map((entry) => entry.replayedJobIds[0]!);

    // Fix the cause: this worker now completes what it leases.
    const workerId = await registerWorker(request, testWorker(jobType));
    const leased = await leaseJobs(request, workerId, jobType, 52);
    expect(sorted(leased.map((job) => job.jobId))).toEqual(sorted(replayJobIds));
    for (const lease of leased) await completeLease(request, lease);
    for (const jobId of replayJobIds) expect(await jobState(request, jobId)).toBe('succeeded');

    await page.goto(`${QUEUE}?cluster=${encodeURIComponent(cluster)}`);
    const first = replayed[0]!;
    await expect(row(page, first.id).getByTestId('dead-letter-status')).toHaveText('replayed');
    await row(page, first.id).getByTestId('newest-replay').getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/ops/operations/jobengine/jobs/${first.replayedJobIds[0]}$`));
    await expect(page.getByTestId('job-state').first()).toHaveText('succeeded');

    // The rest: the other cluster, still open.
    await page.goto(`${QUEUE}?jobType=${jobType}&status=open`);
    await expect(rows(page)).toHaveCount(2);
    expect(sorted(await rowIds(page))).toEqual(sorted(schemaEntries.map((entry) => entry.id)));
    await page.getByLabel('Select all entries on this page').check();
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Resolve' }).click();
    const resolveDialog = page.getByRole('form', { name: 'Resolve entries' });
    await expect(resolveDialog.getByTestId('bulk-dry-run')).toHaveText('2 of the 2 selected entries will be resolved.');
    await expect(resolveDialog.getByTestId('action-blocked')).toHaveText('A resolution note is required.');
    await resolveDialog.getByLabel('Resolution note').fill('schema v2 dropped these fields; nothing to replay');
    await confirmWithReason(page, 'Resolve entries', 'e2e cleanup');
    await expect(page.getByText('2 resolved')).toBeVisible();
    await expect(page.getByTestId('dead-letter-empty')).toBeVisible();
    for (const entry of await listEntries(request, `cluster=${encodeURIComponent(schemaEntries[0]!.clusterKey)}`)) {
      expect(entry).toMatchObject({ status: 'resolved', resolution: { note: 'schema v2 dropped these fields; nothing to replay' } });
    }

    // A mixed selection: resolved entries cannot be replayed, and the dry run says so before any reason.
    await page.goto(`${QUEUE}?jobType=${jobType}`);
    await row(page, schemaEntries[0]!.id).getByRole('checkbox').check();
    await row(page, schemaEntries[1]!.id).getByRole('checkbox').check();
    await row(page, first.id).getByRole('checkbox').check();
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Replay' }).click();
    await expect(page.getByTestId('bulk-dry-run')).toHaveText('1 of the 3 selected entries will be replayed as new jobs; 2 are resolved.');
    await page.getByRole('button', { name: 'Back' }).click();

    // Exports carry the current filter, not just the page on screen.
    await page.goto(`${QUEUE}?cluster=${encodeURIComponent(cluster)}`);
    await expect(rows(page)).toHaveCount(50);
    expect(sorted(csvIds(await download(page, 'CSV')))).toEqual(sorted(upstreamEntries.map((entry) => entry.id)));

    await page.goto(`${QUEUE}?jobType=${jobType}&status=resolved`);
    await expect(rows(page)).toHaveCount(2);
    const ndjson = (await download(page, 'NDJSON')).trim().split('\n').map((line) => JSON.parse(line) as Entry);
    expect(sorted(ndjson.map((entry) => entry.id))).toEqual(sorted(await rowIds(page)));
    expect(ndjson.every((entry) => entry.status === 'resolved')).toBe(true);
  });

  test('filters live in the URL and survive a reload; pages forward and back; new entries arrive live', async ({ page, request }) => {
    const jobType = unhandledType();
    const flaky: JobFailure = { code: `e2e_flaky_${letters(6)}`, message: 'timed out talking to the ledger', class: 'transient', retryable: true };
    const broken: JobFailure = { code: `e2e_broken_${letters(6)}`, message: 'broken for good', class: 'permanent', retryable: false };
    await deadLetter(request, jobType, [...Array.from({ length: 51 }, () => broken), flaky, flaky]);
    const flakyIds = (await listEntries(request, `jobType=${jobType}&retryable=true`)).map((entry) => entry.id);
    expect(flakyIds).toHaveLength(2);

    // The overview's deep links.
    await page.goto(`${QUEUE}?jobType=${jobType}&retryable=true`);
    await expect(rows(page)).toHaveCount(2);
    expect(sorted(await rowIds(page))).toEqual(sorted(flakyIds));

    await page.goto(`${QUEUE}?jobType=${jobType}`);
    await expect(rows(page)).toHaveCount(50);
    await page.keyboard.press('f');
    await expect(page.getByLabel('Text')).toBeFocused();
    await page.getByLabel('Text').fill(flaky.code);
    await page.getByRole('combobox', { name: 'Error class' }).click();
    await page.getByRole('option', { name: 'transient' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/class=transient/);
    await expect(page).toHaveURL(new RegExp(`text=${flaky.code}`));
    await expect(rows(page)).toHaveCount(2);

    await page.reload();
    await expect(rows(page)).toHaveCount(2);
    await expect(page.getByLabel('Text')).toHaveValue(flaky.code);
    await expect(page.getByTestId('dead-letter-filters').getByText('transient')).toBeVisible();

    await page.goto(`${QUEUE}?jobType=${jobType}&class=permanent`);
    await expect(rows(page)).toHaveCount(50);
    const firstPage = await rowIds(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(rows(page)).toHaveCount(1);
    const secondPage = await rowIds(page);
    expect(firstPage).not.toContain(secondPage[0]);
    await page.reload();
    await expect(rows(page)).toHaveCount(1);
    await page.getByRole('button', { name: 'First page' }).click();
    await expect(rows(page)).toHaveCount(50);
    expect(await rowIds(page)).toEqual(firstPage);

    // A quick pick becomes an absolute window in the URL; an entry dead-lettered meanwhile arrives live.
    await page.goto(`${QUEUE}?jobType=${jobType}&status=open&retryable=true`);
    await expect(rows(page)).toHaveCount(2);
    await page.getByRole('group', { name: 'Dead-lettered in the last' }).getByRole('button', { name: '1 h' }).click();
    await expect(page).toHaveURL(/deadLetteredAfter=/);
    await expect(rows(page)).toHaveCount(2);
    await expect(page.getByTestId('live-status')).toHaveText('Live');
    await deadLetter(request, jobType, [flaky]);
    await expect(rows(page)).toHaveCount(3);

    await page.goto(`${QUEUE}?jobType=${jobType}-none`);
    await expect(page.getByTestId('dead-letter-empty')).toContainText('No entries match these filters');
  });

  test('r refreshes the page when the live stream is down', async ({ page, request }) => {
    const jobType = unhandledType();
    const broken: JobFailure = { code: `e2e_broken_${letters(6)}`, message: 'broken for good', class: 'permanent', retryable: false };
    await deadLetter(request, jobType, [broken]);
    await page.route('**/api/v1/events**', (route) => route.abort());
    await page.goto(`${QUEUE}?jobType=${jobType}`);
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByTestId('live-status')).not.toHaveText('Live');
    await deadLetter(request, jobType, [broken]);
    await page.keyboard.press('r');
    await expect(rows(page)).toHaveCount(2);
  });

  test('a filter the server refuses: the list and the export show its code and traceId', async ({ page }) => {
    // 201 characters of text is more than the filter allows; the page keeps it only because the URL said so.
    await page.goto(`${QUEUE}?text=${'x'.repeat(201)}`);
    await expect(page.getByTestId('error-state')).toContainText('validation_failed');
    await expect(page.getByTestId('error-state').getByTestId('trace-id')).not.toBeEmpty();
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'CSV', exact: true }).click();
    await expect(page.getByTestId('export-error')).toContainText('validation_failed');
    await expect(page.getByTestId('export-error').getByTestId('trace-id')).not.toBeEmpty();
  });
});
