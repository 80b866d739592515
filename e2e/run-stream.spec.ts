import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { unhandledJobType } from './support/api.ts';
import { gate } from './support/gate.ts';
import { E2E_ADMIN_TOKEN } from './support/auth.ts';
import { choice } from './support/choices.ts';
import { createSchedule, triggerSchedule } from './support/scheduler.ts';
import { leaseOne } from './support/worker-protocol.ts';

/** A schedule whose job type only this test's worker handles, triggered by hand: answers the run id. */
async function triggerRun(request: APIRequestContext, jobType: string): Promise<string> {
  const schedule = await createSchedule(request, `stream-${jobType}`, jobType);
  return (await triggerSchedule(request, schedule.id)).id;
}

/** The first `count` events of the run's stream as the server sent them (`id:` and `data:` blocks). */
async function firstBlocks(baseURL: string, runId: string, count: number): Promise<string[]> {
  const controller = new AbortController();
  const res = await fetch(`${baseURL}/api/v1/runs/${runId}/stream`, { headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` }, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const blocks: string[] = [];
  while (blocks.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value);
    const parts = buffer.split('\n\n');
    buffer = parts.pop() ?? '';
    blocks.push(...parts.filter((part) => part.startsWith('id: ')));
  }
  controller.abort();
  return blocks.slice(0, count);
}

const streamPage = (runId: string) => `/ops/operations/scheduler/runs/${runId}/stream`;
const rows = (page: Page) => page.getByTestId('run-event');

test.describe('run stream', () => {
  test('follows a run live to completion, filters by level and type in the URL, and opens a shared event link', async ({ page, request }) => {
    const jobType = unhandledJobType('stream');
    const runId = await triggerRun(request, jobType);
    await page.goto(streamPage(runId));
    await expect(page.getByTestId('run-state')).toHaveText('queued');
    await expect(page.getByTestId('stream-status')).toHaveText('Live');
    await expect(page.getByTestId('run-progress')).toHaveAttribute('data-percent', '0');
    await expect(rows(page).filter({ hasText: 'job.enqueued → queued' })).toHaveCount(1);

    const job = await leaseOne(request, { name: `stream-worker-${jobType}`, jobType });
    await expect(rows(page).filter({ hasText: 'job.started → running' })).toHaveCount(1);
    await expect(page.getByTestId('run-state')).toHaveText('running');
    await job.log([
      { level: 'info', message: 'reading input' },
      { level: 'error', message: 'row 7 rejected', fields: { row: 7 } },
    ]);
    await expect(rows(page).and(page.locator('[data-type="log"]'))).toHaveText([/reading input/, /row 7 rejected/]);
    await job.complete({ ok: true });
    await expect(page.getByTestId('run-progress')).toHaveAttribute('data-percent', '100');
    await expect(page.getByTestId('run-progress-text')).toHaveText('1 / 1 finished (100 %)');
    await expect(page.getByTestId('run-state')).toHaveText('completed');
    await expect(page.getByTestId('stream-status')).toHaveText('Ended');
    await expect(rows(page).filter({ hasText: 'Run running → completed' })).toHaveCount(1);
    const jobLink = rows(page).filter({ hasText: 'job.succeeded' }).getByRole('link');
    await expect(jobLink).toHaveAttribute('href', `/ops/operations/jobengine/jobs/${job.jobId}`);

    // Level: errors only.
    await choice(page, 'error+').click();
    await expect(page).toHaveURL((url) => url.searchParams.get('level') === 'error');
    await expect(rows(page)).toHaveText([/row 7 rejected/]);
    // Type: job changes only, every level.
    await choice(page, 'all levels').click();
    await choice(page, 'job').click();
    await expect(page).toHaveURL((url) => url.searchParams.get('type') === 'jobChanged' && !url.searchParams.has('level'));
    await expect(rows(page)).toHaveText([/job.enqueued/, /job.started/, /job.succeeded/]);

    // Selecting an event puts it in the URL; the link opens at it, highlighted.
    const started = rows(page).filter({ hasText: 'job.started' });
    const eventId = await started.getAttribute('data-event-id');
    await started.click();
    await expect(page).toHaveURL((url) => url.searchParams.get('event') === eventId);
    await page.reload();
    const selected = page.locator(`[data-testid="run-event"][data-selected="true"]`);
    await expect(selected).toHaveAttribute('data-event-id', eventId ?? '');
    await expect(selected).toBeInViewport();
    await expect(page.getByTestId('run-event-detail')).toContainText('job.started → running');
  });

  test('a dropped stream reconnects with backoff, says so, and resumes after the last event without duplicates', async ({ page, request, baseURL }) => {
    const runId = await triggerRun(request, unhandledJobType('stream-drop'));
    // A queued run's history: jobChanged, runEvent, then progress and stateChanged once its transaction is applied.
    const [first, second] = await firstBlocks(baseURL ?? '', runId, 2);
    const secondId = /^id: (.+)$/m.exec(second ?? '')?.[1];
    const requests: string[] = [];
    const reconnect = gate();
    await page.route(`**/api/v1/runs/${runId}/stream*`, async (route) => {
      requests.push(route.request().url());
      if (requests.length === 1) {
        // Two events, then the connection ends, as when a proxy drops it.
        await route.fulfill({ status: 200, contentType: 'text/event-stream', body: `${first}\n\n${second}\n\n` });
        return;
      }
      await reconnect.passed;
      await route.continue();
    });
    await page.goto(streamPage(runId));
    await expect(page.getByTestId('stream-status')).toContainText(/Reconnecting in \d+ s \(attempt 1\)/);
    await expect(rows(page)).toHaveCount(2);
    reconnect.open();
    await expect(page.getByTestId('stream-status')).toHaveText('Live');
    await expect(rows(page)).toHaveText([/job.enqueued → queued/, /run.created/, /0 of 1 jobs finished/, /Run is queued/]);
    expect(new URL(requests[1] ?? '').searchParams.get('lastEventId')).toBe(secondId);
  });

  test('an unknown run shows the not-found state with the way back', async ({ page }) => {
    await page.goto(streamPage('01890000-0000-7000-8000-000000000000'));
    await expect(page.getByTestId('run-not-found')).toContainText('Run not found');
    await page.getByRole('link', { name: 'Back to runs' }).click();
    await expect(page).toHaveURL(/\/ops\/operations\/scheduler\/runs$/);
  });

  test('an API failure shows the error with its traceId and a Retry that recovers', async ({ page, request }) => {
    const runId = await triggerRun(request, unhandledJobType('stream-down'));
    let down = true;
    await page.route(`**/api/v1/runs/${runId}`, (route) =>
      down
        ? route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'database unreachable', traceId: 'trace-run-down' } } })
        : route.continue(),
    );
    await page.goto(streamPage(runId));
    await expect(page.getByTestId('error-state')).toContainText('database unreachable');
    await expect(page.getByTestId('trace-id')).toHaveText('trace-run-down');
    down = false;
    await page.getByTestId('error-state').getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('run-state')).toHaveText('queued');
  });
});
