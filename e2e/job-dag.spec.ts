import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { unhandledJobType } from './support/api.ts';
import { leaseOne } from './support/worker-protocol.ts';

const JOBS = '/ops/operations/jobengine/jobs';
const dagUrl = (jobId: string, query = '') => `${JOBS}/${jobId}/dag${query}`;

interface PipelineNode {
  key: string;
  job: Record<string, unknown>;
  dependsOn?: string[];
  onParentFailure?: 'skip' | 'run';
}

/** Creates the graph through the API; answers a lookup of the job id of each node key. */
async function createPipeline(request: APIRequestContext, nodes: PipelineNode[]): Promise<(key: string) => string> {
  const res = await request.post('/api/v1/pipelines', { data: { nodes } });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { jobs: Array<{ key: string; job: { id: string } }> };
  const ids = new Map(body.jobs.map(({ key, job }) => [key, job.id]));
  return (key) => {
    const jobId = ids.get(key);
    if (jobId === undefined) throw new Error(`no node ${key} in the pipeline`);
    return jobId;
  };
}

async function jobState(request: APIRequestContext, jobId: string): Promise<string> {
  return ((await (await request.get(`/api/v1/jobs/${jobId}`)).json()) as { state: string }).state;
}

/** Fails the one runnable job of `jobType` through the worker protocol, as an external worker would. */
async function failAsWorker(request: APIRequestContext, jobType: string): Promise<string> {
  const worker = await leaseOne(request, { name: 'e2e-dag', jobType });
  const failed = await worker.fail({ code: 'E2E', message: 'failed on purpose', class: 'permanent', retryable: false });
  expect(failed.state).toBe('failed');
  return worker.jobId;
}

/** The first drawing of a page waits for its layout worker to load ELK, which takes a while on a busy machine. */
const LAID_OUT = { timeout: 30_000 };

const node = (page: Page, jobId: string) => page.locator(`[data-testid="dag-node"][data-job-id="${jobId}"]`);
const panel = (page: Page) => page.getByTestId('dag-node-panel');

test.describe('job DAG page', () => {
  test.describe.configure({ timeout: 90_000 });

  test('draws a diamond with live states; a clicked job opens its panel, survives reload and links to its page', async ({ page, request, baseURL }) => {
    const idle = unhandledJobType('dag-idle');
    const id = await createPipeline(request, [
      { key: 'fetch', job: { jobType: 'http.request', payload: { url: `${baseURL}/api/v1/healthz` } } },
      { key: 'check', job: { jobType: 'http.request', payload: { url: `${baseURL}/api/v1/healthz` } }, dependsOn: ['fetch'] },
      { key: 'wait', job: { jobType: idle }, dependsOn: ['fetch'], onParentFailure: 'run' },
      { key: 'join', job: { jobType: `${idle}.join` }, dependsOn: ['check', 'wait'] },
    ]);
    const [fetch, check, wait, join] = [id('fetch'), id('check'), id('wait'), id('join')];

    await page.goto(dagUrl(fetch));
    await expect(page.getByTestId('dag-node')).toHaveCount(4, LAID_OUT);
    await expect(page.getByTestId('dag-counts')).toHaveText('4 jobs · 4 dependencies');
    await expect(node(page, fetch)).toHaveAttribute('data-root', 'true');
    await expect(page.locator('[data-testid="dag-node"][data-root]')).toHaveCount(1);
    // The http.request jobs run on the real engine; the page follows them over the event stream.
    await expect(node(page, fetch)).toHaveAttribute('data-state', 'succeeded', { timeout: 15_000 });
    await expect(node(page, check)).toHaveAttribute('data-state', 'succeeded', { timeout: 15_000 });
    await expect(node(page, wait)).toHaveAttribute('data-state', 'queued');
    await expect(node(page, join)).toHaveAttribute('data-state', 'blocked');
    await expect(node(page, join).getByTestId('dag-node-state')).toHaveText('blocked');
    await expect(node(page, check)).toContainText('attempt 1/5');
    await expect(page.locator('.react-flow__edge.dag-edge-run')).toHaveCount(1);
    await expect(page.locator('.react-flow__edge.dag-edge-skip')).toHaveCount(3);

    await node(page, wait).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('node') === wait);
    await expect(panel(page)).toContainText(idle);
    await expect(panel(page).getByTestId('job-state')).toHaveText('queued');
    await expect(node(page, wait)).toHaveAttribute('data-selected', 'true');

    await page.reload();
    await expect(panel(page)).toContainText(wait);
    await expect(panel(page).getByTestId('job-state')).toHaveText('queued');
    await expect(node(page, wait)).toHaveAttribute('data-selected', 'true', LAID_OUT);

    await panel(page).getByRole('link', { name: 'Open job' }).click();
    await expect(page).toHaveURL((url) => url.pathname === `${JOBS}/${wait}`);
    await expect(page.getByTestId('page-summary')).toContainText(wait);
  });

  test('centres the DAG on another job from its panel', async ({ page, request }) => {
    const type = unhandledJobType('dag-centre');
    const id = await createPipeline(request, [
      { key: 'a', job: { jobType: type } },
      { key: 'b', job: { jobType: type }, dependsOn: ['a'] },
      { key: 'c', job: { jobType: type }, dependsOn: ['b'] },
    ]);
    await page.goto(dagUrl(id('a'), `?node=${id('b')}`));
    await expect(page.getByTestId('dag-node')).toHaveCount(3, LAID_OUT);
    await panel(page).getByRole('link', { name: 'Centre the DAG on this job' }).click();
    await expect(page).toHaveURL((url) => url.pathname === dagUrl(id('b')) && url.searchParams.get('node') === id('b'));
    await expect(node(page, id('b'))).toHaveAttribute('data-root', 'true', LAID_OUT);
    await expect(page.getByTestId('dag-node')).toHaveCount(3);
  });

  test('the critical path toggle marks its jobs and lives in the URL', async ({ page, request }) => {
    const type = unhandledJobType('dag-critical');
    const id = await createPipeline(request, [
      { key: 'start', job: { jobType: type } },
      { key: 'short', job: { jobType: type }, dependsOn: ['start'] },
      { key: 'long1', job: { jobType: type }, dependsOn: ['start'] },
      { key: 'long2', job: { jobType: type }, dependsOn: ['long1'] },
      { key: 'end', job: { jobType: type }, dependsOn: ['short', 'long2'] },
    ]);
    const dag = (await (await request.get(`/api/v1/jobs/${id('start')}/dag`)).json()) as { criticalPath: string[] };
    // Nothing has run, so the longest chain wins.
    expect(dag.criticalPath).toEqual([id('start'), id('long1'), id('long2'), id('end')]);

    await page.goto(dagUrl(id('start')));
    await expect(page.getByTestId('dag-node')).toHaveCount(5, LAID_OUT);
    await expect(page.locator('[data-testid="dag-node"][data-critical]')).toHaveCount(0);

    await page.getByLabel(/Highlight the critical path/).check();
    await expect(page).toHaveURL((url) => url.searchParams.get('critical') === '1');
    const marked = page.locator('[data-testid="dag-node"][data-critical="true"]');
    await expect(marked).toHaveCount(4);
    expect(await marked.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-job-id')).sort())).toEqual([...dag.criticalPath].sort());
    await expect(node(page, id('short'))).not.toHaveAttribute('data-critical');
    await expect(page.locator('.react-flow__edge.dag-edge-critical')).toHaveCount(3);

    await page.reload();
    await expect(page.locator('[data-testid="dag-node"][data-critical="true"]')).toHaveCount(4, LAID_OUT);
    await page.getByLabel(/Highlight the critical path/).uncheck();
    await expect(page).toHaveURL((url) => !url.searchParams.has('critical'));
    await expect(page.locator('[data-testid="dag-node"][data-critical]')).toHaveCount(0);
  });

  test('a job without dependencies is drawn alone and says so', async ({ page, request }) => {
    const res = await request.post('/api/v1/jobs', { data: { jobType: unhandledJobType('dag-alone') } });
    const jobId = ((await res.json()) as { job: { id: string } }).job.id;
    await page.goto(dagUrl(jobId));
    await expect(page.getByTestId('dag-no-dependencies')).toBeVisible();
    await expect(page.getByTestId('dag-node')).toHaveCount(1, LAID_OUT);
    await expect(node(page, jobId)).toHaveAttribute('data-root', 'true');
  });

  test('an unknown job shows that it was not found; a malformed id shows the refusal with its traceId', async ({ page }) => {
    await page.goto(dagUrl('0190a5c4-0000-7000-8000-000000000000'));
    await expect(page.getByTestId('job-not-found')).toBeVisible();

    await page.goto(dagUrl('not-a-job-id'));
    await expect(page.getByTestId('error-state')).toBeVisible();
    await expect(page.getByTestId('trace-id')).toHaveText(/^[0-9a-f]{16}$/);
  });

  test('a 1,000-job chain is laid out off the main thread and stays responsive', async ({ page, request }) => {
    test.setTimeout(120_000);
    const type = unhandledJobType('dag-chain');
    const nodes: PipelineNode[] = Array.from({ length: 1000 }, (_, i) => ({
      key: `n${i}`,
      job: { jobType: type },
      ...(i > 0 ? { dependsOn: [`n${i - 1}`] } : {}),
    }));
    const id = await createPipeline(request, nodes);
    const middle = id('n500');
    const next = id('n501');

    await page.goto(dagUrl(middle, `?node=${middle}`));
    await expect(page.getByTestId('dag-counts')).toHaveText('1,000 jobs · 999 dependencies');
    // The shared link opens on its job, selected; only what is on screen is rendered.
    await expect(node(page, middle)).toHaveAttribute('data-selected', 'true', { timeout: 60_000 });
    await expect(page.getByTestId('dag-layout-pending')).toBeHidden();
    // A graph this large skips ELK: the worker's own layered layout answered, and said how long it took.
    const measured = await page.evaluate(() => (performance.getEntriesByName('execops:dag-layout').at(-1) as PerformanceMeasure | undefined)?.detail);
    expect(measured).toMatchObject({ nodes: 1000, edges: 999, engine: 'layered', computeMs: expect.any(Number) });
    await expect(node(page, middle)).toBeInViewport();
    expect(await page.getByTestId('dag-node').count()).toBeLessThan(100);
    // The overview draws every job, each still a few pixels tall at a scale where its own size is a twentieth of one.
    const overviewJobs = page.getByRole('img', { name: 'Overview of the graph' }).locator('.react-flow__minimap-node');
    await expect(overviewJobs).toHaveCount(1000);
    expect((await overviewJobs.first().boundingBox())?.height).toBeGreaterThanOrEqual(2);

    await node(page, next).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('node') === next);
    await expect(panel(page)).toContainText(next);
    await expect(panel(page).getByTestId('job-state')).toHaveText('blocked');
  });

  test('replaying a failed parent with downstream puts its skipped children back to blocked', async ({ page, request }) => {
    const type = unhandledJobType('dag-replay');
    const id = await createPipeline(request, [
      { key: 'parent', job: { jobType: type, maxAttempts: 1 } },
      { key: 'left', job: { jobType: `${type}.child` }, dependsOn: ['parent'] },
      { key: 'right', job: { jobType: `${type}.child` }, dependsOn: ['parent'] },
    ]);
    const [parent, left, right] = [id('parent'), id('left'), id('right')];
    await failAsWorker(request, type);

    await page.goto(dagUrl(left));
    await expect(node(page, left)).toHaveAttribute('data-state', 'skipped', LAID_OUT);
    await node(page, parent).click();
    await expect(panel(page).getByTestId('job-state')).toHaveText('failed');
    await panel(page).getByRole('button', { name: 'Replay with downstream' }).click();

    const dialog = page.getByRole('form', { name: 'Replay with downstream' });
    await dialog.getByRole('button', { name: 'Replay with downstream' }).click();
    await expect(dialog.getByText('A reason is required')).toBeVisible();
    await dialog.getByLabel('Reason').fill('upstream fixed');
    await dialog.getByRole('button', { name: 'Replay with downstream' }).click();
    await expect(dialog).toBeHidden();

    // The new job takes the failed one's place in the graph and is selected.
    await expect(page).toHaveURL((url) => url.searchParams.get('node') !== parent && url.searchParams.has('node'));
    const replayId = new URL(page.url()).searchParams.get('node') as string;
    await expect(node(page, replayId)).toHaveAttribute('data-state', 'queued', LAID_OUT);
    await expect(node(page, parent)).toHaveCount(0);
    await expect(node(page, left)).toHaveAttribute('data-state', 'blocked');
    expect(await jobState(request, left)).toBe('blocked');
    expect(await jobState(request, right)).toBe('blocked');
    const replayed = (await (await request.get(`/api/v1/jobs/${replayId}`)).json()) as { replayOf: string };
    expect(replayed.replayOf).toBe(parent);
  });

  test('replaying the job the DAG is centred on follows the new job, with the reason audited', async ({ page, request }) => {
    const type = unhandledJobType('dag-replay-root');
    const id = await createPipeline(request, [
      { key: 'parent', job: { jobType: type, maxAttempts: 1 } },
      { key: 'child', job: { jobType: `${type}.child` }, dependsOn: ['parent'] },
    ]);
    const [parent, child] = [id('parent'), id('child')];
    await failAsWorker(request, type);

    await page.goto(dagUrl(parent, `?node=${parent}`));
    await expect(node(page, child)).toHaveAttribute('data-state', 'skipped', LAID_OUT);
    await panel(page).getByRole('button', { name: 'Replay with downstream' }).click();
    const dialog = page.getByRole('form', { name: 'Replay with downstream' });
    await dialog.getByLabel('Reason').fill('flaky upstream');
    await dialog.getByLabel('Ticket').fill('OPS-77');
    await dialog.getByRole('button', { name: 'Replay with downstream' }).click();

    await expect(page).toHaveURL((url) => url.pathname.endsWith('/dag') && url.pathname !== dagUrl(parent));
    const url = new URL(page.url());
    const replayId = url.pathname.split('/').at(-2) as string;
    expect(url.searchParams.get('node')).toBe(replayId);
    await expect(node(page, replayId)).toHaveAttribute('data-root', 'true', LAID_OUT);
    await expect(node(page, child)).toHaveAttribute('data-state', 'blocked');
    const audit = (await (await request.get(`/api/v1/audit?targetId=${parent}`)).json()) as { items: Array<{ reason: string; ticket: string }> };
    expect(audit.items).toMatchObject([{ reason: 'flaky upstream', ticket: 'OPS-77' }]);
  });
});
