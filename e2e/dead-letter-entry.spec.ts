import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { enqueue, unhandledJobType } from './support/api.ts';
import { leaseOne } from './support/worker-protocol.ts';

const JOBS = '/ops/operations/jobengine/jobs';
const ENTRY = '/ops/operations/dead-letter/entry';

const STACK = 'Error: upstream answered 404 for order 17\n    at exportOrder (export.ts:42:11)';

/** A job that fails for good on its first attempt, and the dead-letter entry it leaves. */
async function deadLetteredJob(request: APIRequestContext) {
  const jobType = unhandledJobType('dlq');
  const jobId = await enqueue(request, { jobType, payload: { order: 'A-17', lines: 3 } });
  const worker = await leaseOne(request, { name: 'e2e-dlq-worker', jobType });
  expect(worker.jobId).toBe(jobId);
  await worker.fail({ code: 'upstream_404', message: 'upstream answered 404 for order 17', class: 'permanent', retryable: false, stack: STACK });
  const res = await request.get(`/api/v1/dead-letter?text=${jobId}`);
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: Array<{ id: string; jobId: string; clusterKey: string }> };
  const entry = items.find((item) => item.jobId === jobId);
  expect(entry, 'the terminal failure left a dead-letter entry').toBeDefined();
  return { jobType, jobId, entryId: entry!.id, clusterKey: entry!.clusterKey, workerId: worker.workerId };
}

const tab = (page: Page, name: RegExp) => page.getByRole('tab', { name });
const header = (page: Page) => page.getByTestId('entry-header');
const payload = (page: Page) => page.locator('pre[aria-label="Payload"]');
const replayRow = (page: Page, jobId: string) => page.locator(`[data-testid="replay-row"][data-job-id="${jobId}"]`);

async function confirmWithReason(page: Page, title: string, reason: string, ticket?: string) {
  const dialog = page.getByRole('form', { name: title });
  await dialog.getByLabel(/reason/i).fill(reason);
  if (ticket) await dialog.getByLabel(/ticket/i).fill(ticket);
  await dialog.getByRole('button', { name: new RegExp(`^${title}`) }).click();
  await expect(dialog).toBeHidden();
}

test.describe('dead-letter entry', () => {
  test('opens from the failed job’s page; every tab shows the entry’s real data and survives a reload', async ({ page, request }) => {
    const { jobType, jobId, entryId, clusterKey, workerId } = await deadLetteredJob(request);

    await page.goto(`${JOBS}/${jobId}`);
    await expect(page.getByTestId('job-header').getByTestId('dead-letter-status')).toHaveText('open');
    await page.getByTestId('dead-letter-entry-link').click();
    await expect(page).toHaveURL(`${ENTRY}/${entryId}`);

    await expect(header(page).getByTestId('dead-letter-status')).toHaveText('open');
    await expect(header(page).getByTestId('entry-job-type')).toHaveText(jobType);
    await expect(header(page).getByTestId('entry-attempts')).toHaveText('1 attempt');
    await expect(header(page).getByTestId('job-error-kind')).toContainText('upstream_404');
    await expect(header(page).getByTestId('job-error-kind')).toContainText('permanent');
    await expect(header(page).getByTestId('job-error-kind')).toContainText('not retryable');
    await expect(header(page)).toContainText(entryId);
    await expect(header(page).getByTestId('entry-job-link')).toHaveAttribute('href', `${JOBS}/${jobId}`);
    await expect(header(page).getByTestId('entry-cluster-key')).toHaveText(clusterKey);
    const clusterHref = new URL((await header(page).getByTestId('entry-cluster-link').getAttribute('href'))!, 'http://x');
    expect(clusterHref.pathname).toBe('/ops/operations/dead-letter/queue');
    expect(clusterHref.searchParams.get('cluster')).toBe(clusterKey);
    expect(clusterHref.searchParams.get('status')).toBe('open');

    await expect(tab(page, /^Error/)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('job-last-error')).toContainText('upstream answered 404 for order 17');
    await expect(page.getByTestId('job-last-error')).toContainText('at exportOrder (export.ts:42:11)');

    await tab(page, /^Payload/).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('tab') === 'payload');
    await expect(payload(page)).toContainText('"order": "A-17"');
    await page.reload();
    await expect(tab(page, /^Payload/)).toHaveAttribute('aria-selected', 'true');
    await expect(payload(page)).toContainText('"lines": 3');

    await tab(page, /^Attempts \(1\)/).click();
    const attempt = page.getByTestId('attempts-table').locator('tbody tr');
    await expect(attempt).toHaveCount(1);
    await expect(attempt).toContainText(workerId);
    await expect(attempt).toContainText('failed');
    await expect(attempt).toContainText('upstream_404: upstream answered 404 for order 17');

    await tab(page, /^Replays \(0\)/).click();
    await expect(page.getByTestId('replays-empty')).toBeVisible();

    await tab(page, /^Audit/).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('tab') === 'audit');
    await expect(page.getByTestId('audit-empty')).toHaveText('No operator has acted on this entry yet.');
  });

  test('replay hands off to the new and the original job, follows the replay live; resolve closes the entry', async ({ page, request }) => {
    const { jobType, jobId, entryId } = await deadLetteredJob(request);
    await page.goto(`${ENTRY}/${entryId}`);
    await expect(header(page).getByTestId('dead-letter-status')).toHaveText('open');
    await expect(page.getByTestId('live-status')).toHaveText('Live');

    await page.getByRole('button', { name: 'Replay entry' }).click();
    const replayDialog = page.getByRole('form', { name: 'Replay entry' });
    await replayDialog.getByLabel('Priority').fill('5000');
    await expect(replayDialog.getByTestId('action-blocked')).toHaveText(/1000 to 1000/);
    await replayDialog.getByLabel('Priority').fill('-20');
    const replayCall = page.waitForRequest((req) => req.method() === 'POST' && req.url().endsWith(`/dead-letter/${entryId}/replay`));
    await confirmWithReason(page, 'Replay entry', 'upstream fixed the 404', 'OPS-404');
    const idempotencyKey = (await replayCall).headers()['idempotency-key'];
    expect(idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);

    const handOff = page.getByTestId('replay-handoff');
    await expect(handOff).toBeVisible();
    await expect(page).toHaveURL((url) => url.searchParams.get('tab') === 'replays' && url.searchParams.get('replayJob') !== null);
    const newJobId = new URL(page.url()).searchParams.get('replayJob')!;
    expect(newJobId).not.toBe(jobId);
    await expect(header(page).getByTestId('dead-letter-status')).toHaveText('replayed');
    await expect(replayRow(page, newJobId)).toContainText('upstream fixed the 404');
    await expect(replayRow(page, newJobId)).toContainText('OPS-404');
    await expect(replayRow(page, newJobId).getByTestId('job-state')).toHaveText('queued');
    await expect(tab(page, /^Replays \(1\)/)).toHaveAttribute('aria-selected', 'true');

    // The dialog's key makes a resubmitted replay (double click, network retry) the same replay.
    const resubmitted = await request.post(`/api/v1/dead-letter/${entryId}/replay`, {
      data: { priority: -20 },
      headers: { 'X-Operator-Reason': 'upstream fixed the 404', 'Idempotency-Key': idempotencyKey! },
    });
    expect(resubmitted.status()).toBe(200);
    expect(await resubmitted.json()).toMatchObject({ created: false, job: { id: newJobId } });
    await expect(page.getByTestId('replay-row')).toHaveCount(1);

    // The cause is fixed: the test worker completes the replay job, and the page follows it live.
    const worker = await leaseOne(request, { name: 'e2e-dlq-worker', jobType });
    expect(worker.jobId).toBe(newJobId);
    await expect(replayRow(page, newJobId).getByTestId('job-state')).toHaveText('running');
    await worker.complete({ exported: 3 });
    await expect(replayRow(page, newJobId).getByTestId('job-state')).toHaveText('succeeded');
    await expect(handOff.getByTestId('job-state')).toHaveText('succeeded');

    await handOff.getByTestId('handoff-new-job').click();
    await expect(page).toHaveURL(`${JOBS}/${newJobId}`);
    await expect(page.getByTestId('job-header').getByTestId('job-state')).toHaveText('succeeded');
    await expect(page.getByTestId('job-priority')).toHaveText('priority -20');
    await expect(page.getByTestId('replay-of-link')).toHaveText(jobId);

    await page.goBack();
    await expect(page.getByTestId('replay-handoff')).toBeVisible();
    await page.getByTestId('handoff-original-job').click();
    await expect(page).toHaveURL(`${JOBS}/${jobId}`);
    await expect(page.getByTestId('job-header').getByTestId('job-state')).toHaveText('failed');
    await expect(page.getByTestId('job-header').getByTestId('dead-letter-status')).toHaveText('replayed');
    await page.getByTestId('dead-letter-entry-link').click();
    await expect(page).toHaveURL(`${ENTRY}/${entryId}`);

    await page.getByRole('button', { name: 'Resolve entry' }).click();
    const resolveDialog = page.getByRole('form', { name: 'Resolve entry' });
    await expect(resolveDialog.getByTestId('action-blocked')).toHaveText('Write a resolution note.');
    await expect(resolveDialog.getByRole('button', { name: /^Resolve entry/ })).toBeDisabled();
    await resolveDialog.getByLabel('Resolution note').fill('Upstream URL fixed; the replay exported the order.');
    await confirmWithReason(page, 'Resolve entry', 'replay succeeded', 'OPS-405');

    const resolution = page.getByTestId('entry-resolution');
    await expect(resolution.getByTestId('resolution-note')).toHaveText('Upstream URL fixed; the replay exported the order.');
    await expect(resolution.getByTestId('resolution-ticket')).toHaveText('OPS-405');
    await expect(resolution.getByTestId('resolution-by')).not.toBeEmpty();
    await expect(header(page).getByTestId('dead-letter-status')).toHaveText('resolved');
    for (const name of ['Replay entry', 'Resolve entry']) {
      const action = page.getByRole('button', { name });
      await expect(action).toHaveAttribute('aria-disabled', 'true');
      await action.hover();
      await expect(page.getByRole('tooltip')).toContainText('a resolved entry is closed');
      await page.mouse.move(0, 0);
      // Mantine fades a tooltip out: the next button's tooltip would otherwise be the second one on the page.
      await expect(page.getByRole('tooltip')).toHaveCount(0);
    }
    await page.getByRole('button', { name: 'Replay entry' }).click({ force: true });
    await expect(page.getByRole('form', { name: 'Replay entry' })).toBeHidden();

    await tab(page, /^Audit/).click();
    const auditRows = page.getByTestId('audit-row');
    await expect(auditRows).toHaveCount(2);
    await expect(auditRows.nth(0)).toContainText('deadletter.resolve');
    await expect(auditRows.nth(0)).toContainText('replay succeeded');
    await expect(auditRows.nth(0)).toContainText('OPS-405');
    await expect(auditRows.nth(1)).toContainText('deadletter.replay');
    await expect(auditRows.nth(1)).toContainText('upstream fixed the 404');
    await expect(auditRows.nth(1)).toContainText('OPS-404');

    // The server agrees the entry is closed.
    const again = await request.post(`/api/v1/dead-letter/${entryId}/replay`, {
      data: {},
      headers: { 'X-Operator-Reason': 'again', 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(again.status()).toBe(409);
  });

  test('another operator’s replay and resolve arrive live, without a reload', async ({ page, request }) => {
    const { entryId } = await deadLetteredJob(request);
    await page.goto(`${ENTRY}/${entryId}?tab=replays`);
    await expect(page.getByTestId('replays-empty')).toBeVisible();
    await expect(page.getByTestId('live-status')).toHaveText('Live');

    const operator = { 'X-Operator-Reason': 'replayed from the CLI', 'X-Operator-Ticket': 'OPS-9' };
    const replayed = await request.post(`/api/v1/dead-letter/${entryId}/replay`, {
      data: {},
      headers: { ...operator, 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(replayed.status()).toBe(201);
    const { job } = (await replayed.json()) as { job: { id: string } };
    await expect(replayRow(page, job.id)).toContainText('replayed from the CLI');
    await expect(header(page).getByTestId('dead-letter-status')).toHaveText('replayed');

    const resolved = await request.post(`/api/v1/dead-letter/${entryId}/resolve`, { data: { note: 'handled elsewhere' }, headers: operator });
    expect(resolved.status()).toBe(200);
    await expect(page.getByTestId('resolution-note')).toHaveText('handled elsewhere');
    await expect(page.getByRole('button', { name: 'Resolve entry' })).toHaveAttribute('aria-disabled', 'true');
  });

  test('an unknown entry is not found; a malformed id is refused with its traceId', async ({ page }) => {
    await page.goto(`${ENTRY}/${crypto.randomUUID()}`);
    await expect(page.getByTestId('entry-not-found')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Replay entry' })).toHaveCount(0);

    await page.goto(`${ENTRY}/not-an-id`);
    await expect(page.getByTestId('error-state')).toBeVisible();
    await expect(page.getByTestId('trace-id')).not.toBeEmpty();
  });
});
