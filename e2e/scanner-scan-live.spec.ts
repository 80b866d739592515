import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTarGz } from '@execops/scanner';
import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { apiGet, apiPost, uniqueSuffix } from './support/api.ts';
import { gate } from './support/gate.ts';
import { ADVISORY, fixtureApp, npmLockfile, startScan, untilScanSucceeded } from './support/scanner.ts';

const SCAN_READ = /^\/api\/v1\/scanner\/scans\/[0-9a-f-]{36}$/;
/** Pauses the resolve queue, so a started scan stays queued; the answer resumes it (once, however often called). */
async function holdResolveQueue(request: APIRequestContext): Promise<() => Promise<void>> {
  await apiPost(request, '/queues/scanner.resolve/pause', undefined, 200, { 'x-operator-reason': 'e2e: hold the scan queued' });
  let paused = true;
  return async () => {
    if (!paused) return;
    paused = false;
    await apiPost(request, '/queues/scanner.resolve/resume', undefined, 200, { 'x-operator-reason': 'e2e: release the scan' });
  };
}

/** Waits until `count()` stops changing for a second (the reads a page makes as it opens have landed). */
async function settled(count: () => number): Promise<void> {
  for (let before = -1; before !== count(); ) {
    before = count();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Holds the page's event streams until `open()`: nothing that happens meanwhile reaches the page live. */
async function holdEventStreams(page: Page): Promise<{ open: () => void }> {
  const streams = gate();
  await page.route('**/api/v1/events?**', async (route) => {
    await streams.passed;
    await route.continue();
  });
  return streams;
}

test.describe('a scan followed live', () => {
  // A scan pipeline (resolve, six analyzers, match, report, compare) on a shared machine.
  test.setTimeout(90_000);

  test('started from the console, it moves to succeeded on its page by its events, not by polling; the timeline shows the analyzers', async ({ page, request }) => {
    const scanReads: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'GET' && SCAN_READ.test(new URL(req.url()).pathname)) scanReads.push(req.url());
    });
    // With the resolve queue paused the scan stays queued, and nothing happens to it until the test lets it go.
    const release = await holdResolveQueue(request);
    try {
      const target = `e2e-live-${uniqueSuffix()}`;
      await page.goto('/ops/scanner-ops');
      await page.getByRole('button', { name: 'Start scan' }).click();
      const form = page.getByRole('form', { name: 'Start scan' });
      await form.getByRole('textbox', { name: 'Path', exact: true }).fill(await fixtureApp({ lodash: '4.17.11' }));
      await form.getByRole('textbox', { name: 'Target name', exact: true }).fill(target);
      await form.getByRole('button', { name: 'Start scan' }).click();
      const follow = page.getByTestId('scan-follow');
      await expect(follow.getByTestId('scan-state')).toHaveText('queued');
      await expect(follow.getByTestId('scan-progress')).toHaveText('waiting for a worker · analyzers 0/7');
      await follow.getByTestId('open-scan').click();
      await expect(page).toHaveURL(/\/ops\/scanner-ops\/scans\/[0-9a-f-]{36}$/);
      const scanId = new URL(page.url()).pathname.split('/').at(-1) as string;
      await expect(page.getByText(`${target} ·`)).toBeVisible();
      await expect(page.getByTestId('scan-state')).toHaveText('queued');
      await expect(page.getByTestId('live-status')).toHaveText('Live');
      // The stream's opening reads the scan once more (what changed before it opened is not streamed); let it land.
      await settled(() => scanReads.length);

      // Nothing happens to a held scan, and the page does not read it again (the old follow read it every second).
      const readsWhileHeld = scanReads.length;
      await page.waitForTimeout(3_500);
      expect(scanReads.length).toBe(readsWhileHeld);

      await release();
      await expect(page.getByTestId('scan-state')).toHaveText('succeeded', { timeout: 60_000 });
      await expect(page.getByTestId('finding-row').filter({ hasText: ADVISORY.lodash })).toContainText('lodash');

      // Every read after the release answers events (at most one a second, however many arrived in it).
      const events = (await apiGet<{ items: { type: string }[] }>(request, `/scanner/scans/${scanId}/events`)).items;
      const readsWhileRunning = scanReads.length - readsWhileHeld;
      expect(readsWhileRunning).toBeGreaterThan(0);
      expect(readsWhileRunning).toBeLessThanOrEqual(events.length - 1);
      await page.waitForTimeout(2_000);
      expect(scanReads.length - readsWhileHeld).toBe(readsWhileRunning);

      await page.getByRole('tab', { name: 'Timeline' }).click();
      await expect(page).toHaveURL(/tab=timeline/);
      const items = page.getByTestId('scan-timeline-item');
      await expect(items).toHaveCount(events.length);
      await expect(items.first()).toContainText('created');
      await expect(page.locator('[data-testid="scan-timeline-item"][data-type="scan.analyzer_finished"]')).toHaveCount(7);
      await expect(items.filter({ hasText: 'analyzer npm' })).toContainText('1 component');
      await expect(items.last()).toContainText('finished');
      await expect(items.last().getByTestId('scan-state')).toHaveText('succeeded');
    } finally {
      await release();
    }
  });

  test('a scan that ends before the page’s live stream opens still shows its end: the opening reads it again', async ({ page, request }) => {
    const release = await holdResolveQueue(request);
    // The page's event stream is held until the scan is over, so none of its events can reach the page.
    const streams = await holdEventStreams(page);
    try {
      const scanId = await startScan(request, await fixtureApp({ lodash: '4.17.11' }), `e2e-gap-${uniqueSuffix()}`);
      await page.goto(`/ops/scanner-ops/scans/${scanId}`);
      await expect(page.getByTestId('scan-state').first()).toHaveText('queued');
      await release();
      await untilScanSucceeded(request, scanId);
      await expect(page.getByTestId('scan-state').first()).toHaveText('queued');

      streams.open();
      await expect(page.getByTestId('live-status')).toHaveText('Live');
      await expect(page.getByTestId('scan-state').first()).toHaveText('succeeded');
    } finally {
      streams.open();
      await release();
    }
  });

  test('a first read still in flight when the stream opens is not trusted: the opening reads again', async ({ page, request }) => {
    const release = await holdResolveQueue(request);
    const streams = await holdEventStreams(page);
    // Counts the page's stream openings; the page's own `onopen` runs in the same dispatch, right after this listener.
    await page.addInitScript(() => {
      const Native = window.EventSource;
      window.EventSource = class extends Native {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          this.addEventListener('open', () => document.documentElement.setAttribute('data-streams-opened', 'yes'));
        }
      };
    });
    // The scan's first read is answered from the server at once (queued) but handed to the page only when told.
    const firstReadFetched = gate();
    const firstReadAnswer = gate();
    let reads = 0;
    await page.route((url) => SCAN_READ.test(url.pathname), async (route) => {
      if (++reads > 1) return route.continue();
      const stale = await route.fetch();
      firstReadFetched.open();
      await firstReadAnswer.passed;
      // A cancelled read has no one to answer.
      await route.fulfill({ response: stale }).catch(() => undefined);
    });
    try {
      const scanId = await startScan(request, await fixtureApp({ lodash: '4.17.11' }), `e2e-inflight-${uniqueSuffix()}`);
      await page.goto(`/ops/scanner-ops/scans/${scanId}`);
      await firstReadFetched.passed;
      await release();
      await untilScanSucceeded(request, scanId);

      // The stream opens after the scan ended, so it carries none of its events, while the first read is in flight.
      streams.open();
      await expect(page.locator('html')).toHaveAttribute('data-streams-opened', 'yes');
      firstReadAnswer.open();
      await expect(page.getByTestId('scan-state').first()).toHaveText('succeeded');
      expect(reads).toBeGreaterThan(1);
    } finally {
      streams.open();
      firstReadAnswer.open();
      await release();
    }
  });

  test('a scanner-only operator follows it live: the step that fails ends it failed on the page, and a replay of the step resumes it to the end', async ({ browser, baseURL, request }) => {
    const created = await apiPost<{ secret: string }>(
      request,
      '/tokens',
      { name: `scanner-viewer-${uniqueSuffix()}`, scopes: ['scanner:read'], tenants: ['default'] },
      201,
      { 'x-operator-reason': 'e2e: scanner-only operator' },
    );
    // Starts like a tar.gz, so the scan starts; its resolve cannot read it until the test writes the real archive.
    const archive = join(await mkdtemp(join(tmpdir(), 'execops-e2e-broken-')), 'shop.tar.gz');
    await writeFile(archive, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(600, 7)]));
    const release = await holdResolveQueue(request);
    const context = await browser.newContext({ baseURL: baseURL as string, storageState: { cookies: [], origins: [] } });
    try {
      const started = await apiPost<{ scan: { id: string }; jobIds: Record<string, string> }>(
        request,
        '/scanner/scans',
        { target: { kind: 'path', path: archive }, targetName: `e2e-resume-${uniqueSuffix()}` },
        201,
      );
      const page = await context.newPage();
      await page.goto(`/ops/scanner-ops/scans/${started.scan.id}?tab=timeline`);
      await page.getByLabel('API token').fill(created.secret);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('scan-state').first()).toHaveText('queued');
      await expect(page.getByTestId('live-status')).toHaveText('Live');

      await release();
      await expect(page.getByTestId('scan-state').first()).toHaveText('failed', { timeout: 60_000 });
      await expect(page.getByText(`${archive} is not a readable tar or tar.gz archive`).first()).toBeVisible();

      await writeFile(archive, writeTarGz([{ path: 'shop/package-lock.json', data: Buffer.from(npmLockfile({ lodash: '4.17.11' })) }]));
      await apiPost(request, `/jobs/${started.jobIds.resolve}/replay`, { withDownstream: true }, 201, { 'x-operator-reason': 'e2e: target fixed' });
      await expect(page.locator('[data-testid="scan-timeline-item"][data-type="scan.resumed"]')).toContainText('scanner.resolve replayed');
      await expect(page.getByTestId('scan-state').first()).toHaveText('succeeded', { timeout: 60_000 });
      await expect(page.getByTestId('live-status')).toHaveText('Live');
    } finally {
      await release();
      await context.close();
    }
  });
});
