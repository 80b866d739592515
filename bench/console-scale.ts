// Console scale check (issue 8): with the scale database's 1M jobs the jobs page stays responsive, and the DAG page
// lays out 1,000 jobs in under a second. Starts the real server (`execops start`, API only) on the database that
// `scale.ts` loads, drives Debian's Chromium with Playwright and reads the times from the page: navigation or click →
// the new rows on screen, the main thread's long tasks meanwhile, and the layout worker's User Timing measure.
//   npm --prefix bench run console-scale [-- --runs 5 --port 7690]
// Needs the data of `npm --prefix bench run scale` (same database, kept between runs).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import pg from 'pg';
import { databaseUrl } from './harness/environment.ts';
import { SCALE_ADMIN_TOKEN, SCALE_DATABASE } from './harness/scale-database.ts';
import { latencySummary } from './harness/stats.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    port: { type: 'string', default: '7690' },
  },
});
const RUNS = Number(values.runs);
const PORT = Number(values.port);
const ROOT = path.resolve(import.meta.dirname, '..');
const BASE = `http://127.0.0.1:${PORT}`;
const JOBS = '/ops/operations/jobengine/jobs';
const LAYOUT_TARGET_MS = 1000;
/** Chrome's threshold for a long task; "blocking time" is the part of each long task above it. */
const LONG_TASK_MS = 50;

const DAG_JOB_TYPE = 'bench.console-scale';

/** The loaded jobs, after removing the DAG jobs of an earlier run (scale.ts reloads when the count is not its own). */
async function scaleJobCount(): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl(SCALE_DATABASE) });
  try {
    await client.connect();
    await client.query('DELETE FROM jobs WHERE job_type = $1', [DAG_JOB_TYPE]);
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM jobs');
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function startServer(): Promise<ChildProcess> {
  if (!existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) {
    const build = spawnSync('npm', ['run', 'build', '-w', '@execops/web'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the console build failed');
  }
  const server = spawn('node', ['apps/cli/bin/execops.js', 'start', '--port', String(PORT)], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    // API only (no in-process workers) and no pruning of the week of loaded jobs.
    env: { ...process.env, DATABASE_URL: databaseUrl(SCALE_DATABASE), EXECOPS_WORKERS: 'off', EXECOPS_RETENTION_HOURS: '87600', EXECOPS_LOG_LEVEL: 'warn' },
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    const ready = await fetch(`${BASE}/api/v1/readyz`).then((r) => r.ok, () => false);
    if (ready) return server;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill('SIGTERM');
  throw new Error('the server was not ready within 120 s');
}

/** Collects the main thread's long tasks from the first script on; `takeLongTasks` empties the list. */
const OBSERVE_LONG_TASKS = () => {
  const tasks: number[] = [];
  (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration);
  }).observe({ entryTypes: ['longtask'] });
};

async function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const holder = window as unknown as { __longTasks: number[] };
    return holder.__longTasks.splice(0);
  });
}

interface Sample {
  ms: number;
  longestTaskMs: number;
  blockingMs: number;
}

async function timed(page: Page, action: () => Promise<void>): Promise<Sample> {
  await takeLongTasks(page).catch(() => []);
  const started = performance.now();
  await action();
  const ms = performance.now() - started;
  const tasks = await takeLongTasks(page);
  return { ms, longestTaskMs: Math.max(0, ...tasks), blockingMs: tasks.reduce((sum, d) => sum + Math.max(0, d - LONG_TASK_MS), 0) };
}

const firstRowId = (page: Page) => page.getByTestId('job-row').first().getAttribute('data-job-id');

/** Waits until the table shows `count` rows and its first row is no longer `previous`. */
async function rowsChanged(page: Page, previous: string | null, count = 50): Promise<void> {
  await page.waitForFunction(
    ({ previous, count }) => {
      const rows = document.querySelectorAll('[data-testid="job-row"]');
      return rows.length === count && rows[0]?.getAttribute('data-job-id') !== previous;
    },
    { previous, count },
    { timeout: 60_000 },
  );
}

async function jobsPageSamples(page: Page): Promise<Record<string, Sample[]>> {
  const samples: Record<string, Sample[]> = { 'open the jobs page (newest first)': [], 'sort by priority': [], 'next page': [], 'filter by queue': [], 'filter by state': [] };
  for (let run = 0; run < RUNS; run++) {
    samples['open the jobs page (newest first)']!.push(
      await timed(page, async () => {
        await page.goto(JOBS);
        await rowsChanged(page, null);
      }),
    );
    let before = await firstRowId(page);
    samples['sort by priority']!.push(
      await timed(page, async () => {
        await page.getByTestId('sort-priority').click();
        await rowsChanged(page, before);
      }),
    );
    before = await firstRowId(page);
    samples['next page']!.push(
      await timed(page, async () => {
        await page.getByRole('button', { name: 'Next' }).click();
        await rowsChanged(page, before);
      }),
    );
    await page.goto(JOBS);
    await rowsChanged(page, null);
    before = await firstRowId(page);
    samples['filter by queue']!.push(
      await timed(page, async () => {
        // Not queue-1: it holds the newest job, so the first row would not change.
        await page.getByLabel('Queue').fill(`queue-${(run % 6) + 2}`);
        await page.getByRole('button', { name: 'Apply filters' }).click();
        await rowsChanged(page, before);
      }),
    );
    before = await firstRowId(page);
    samples['filter by state']!.push(
      await timed(page, async () => {
        await page.goto(`${JOBS}?state=failed`);
        await rowsChanged(page, before);
      }),
    );
  }
  return samples;
}

interface PipelineNode {
  key: string;
  job: { jobType: string };
  dependsOn?: string[];
}

/** Three shapes of 1,000 jobs: a chain, a fan-out with its fan-in, and 10 layers of 100 with two parents each. */
function dagShapes(): Record<string, PipelineNode[]> {
  const job = { jobType: DAG_JOB_TYPE };
  const chain = Array.from({ length: 1000 }, (_, i): PipelineNode => ({ key: `c${i}`, job, ...(i > 0 ? { dependsOn: [`c${i - 1}`] } : {}) }));
  // A job takes at most 100 parents, so the fan-in goes through 11 collectors of about 90 each.
  const fan: PipelineNode[] = [
    { key: 'root', job },
    ...Array.from({ length: 987 }, (_, i): PipelineNode => ({ key: `f${i}`, job, dependsOn: ['root'] })),
    ...Array.from({ length: 11 }, (_, c): PipelineNode => ({
      key: `collect${c}`,
      job,
      dependsOn: Array.from({ length: 987 }, (_, i) => i).filter((i) => i % 11 === c).map((i) => `f${i}`),
    })),
    { key: 'sink', job, dependsOn: Array.from({ length: 11 }, (_, c) => `collect${c}`) },
  ];
  const layers = Array.from({ length: 1000 }, (_, i): PipelineNode => {
    const layer = Math.floor(i / 100);
    const at = i % 100;
    return { key: `l${i}`, job, ...(layer > 0 ? { dependsOn: [`l${(layer - 1) * 100 + at}`, `l${(layer - 1) * 100 + ((at * 7 + 3) % 100)}`] } : {}) };
  });
  return { 'chain of 1,000': chain, 'fan-out 1 → 987 → 11 → 1': fan, '10 layers × 100, 2 parents each': layers };
}

interface LayoutSample {
  /** From the page's request to the worker's answer. */
  layoutMs: number;
  /** The worker's own time for the layout, as it reported it. */
  computeMs: number;
  engine: string;
  /** The jobs the page laid out: the DAG around the first job, not always the whole pipeline. */
  nodes: number;
  pageMs: number;
  longestTaskMs: number;
}

async function dagSamples(page: Page): Promise<Record<string, LayoutSample[]>> {
  const out: Record<string, LayoutSample[]> = {};
  for (const [shape, nodes] of Object.entries(dagShapes())) {
    const res = await fetch(`${BASE}/api/v1/pipelines`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SCALE_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ nodes }),
    });
    if (res.status !== 201) throw new Error(`creating the ${shape} pipeline answered ${res.status}: ${await res.text()}`);
    const { jobs } = (await res.json()) as { jobs: Array<{ key: string; job: { id: string } }> };
    const first = jobs[0]!.job.id;
    out[shape] = [];
    for (let run = 0; run < RUNS; run++) {
      await takeLongTasks(page).catch(() => []);
      const started = performance.now();
      await page.goto(`${JOBS}/${first}/dag`);
      const measure = await page.waitForFunction(
        () => {
          const entry = performance.getEntriesByName('execops:dag-layout').at(-1) as PerformanceMeasure | undefined;
          return entry && { duration: entry.duration, detail: entry.detail as { nodes: number; engine: string; computeMs: number } };
        },
        undefined,
        { timeout: 60_000 },
      );
      const answered = await measure.jsonValue();
      if (!answered) throw new Error('the layout measure disappeared');
      const { duration, detail } = answered;
      await page.getByTestId('dag-node').first().waitFor();
      const pageMs = performance.now() - started;
      const tasks = await takeLongTasks(page);
      out[shape]!.push({ layoutMs: duration, computeMs: detail.computeMs, engine: detail.engine, nodes: detail.nodes, pageMs, longestTaskMs: Math.max(0, ...tasks) });
    }
  }
  return out;
}

const jobs = await scaleJobCount();
if (jobs === 0) {
  console.error(`${SCALE_DATABASE} has no jobs: load it first with \`npm --prefix bench run scale\``);
  process.exit(1);
}
const loadAtStart = os.loadavg();
const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1440, height: 900 } });
  const login = await context.request.post('/api/v1/auth/login', { data: { token: SCALE_ADMIN_TOKEN } });
  if (!login.ok()) throw new Error(`login failed: HTTP ${login.status()} (run \`npm --prefix bench run scale\` once to seed the token)`);
  await context.addInitScript(OBSERVE_LONG_TASKS);
  const page = await context.newPage();
  const jobsPage = await jobsPageSamples(page);
  const dag = await dagSamples(page);

  const f = (v: number | null) => (v === null ? '-' : v.toFixed(0));
  const load = (averages: number[]) => averages.map((v) => v.toFixed(2)).join(' ');
  const lines = [
    `Load average (1, 5, 15 min) of ${os.cpus().length} cores: ${load(loadAtStart)} at the start, ${load(os.loadavg())} at the end.`,
    '',
    `Jobs page on ${jobs.toLocaleString('en-US')} jobs, ${RUNS} runs each (ms; blocking = long-task time above ${LONG_TASK_MS} ms on the main thread):`,
    '',
    '| interaction | p50 | max | longest task, max | blocking time, max |',
    '|---|---|---|---|---|',
    ...Object.entries(jobsPage).map(([name, s]) => {
      const l = latencySummary(s.map((x) => x.ms));
      return `| ${name} | ${f(l.p50)} | ${f(l.max)} | ${f(Math.max(...s.map((x) => x.longestTaskMs)))} | ${f(Math.max(...s.map((x) => x.blockingMs)))} |`;
    }),
    '',
    `DAG page, ${RUNS} loads each (ms; layout = request → answer of the layout worker as the page measured it, compute = the worker's own time; target < ${LAYOUT_TARGET_MS} ms):`,
    '',
    '| graph | jobs drawn | engine | layout p50 | layout max | compute p50 | compute max | navigation → nodes on screen p50 | longest main-thread task, max | layout < 1 s |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...Object.entries(dag).map(([shape, s]) => {
      const layout = latencySummary(s.map((x) => x.layoutMs));
      const compute = latencySummary(s.map((x) => x.computeMs));
      const wall = latencySummary(s.map((x) => x.pageMs));
      const engines = [...new Set(s.map((x) => x.engine))].join(', ');
      const drawn = [...new Set(s.map((x) => x.nodes))].join(', ');
      return `| ${shape} | ${drawn} | ${engines} | ${f(layout.p50)} | ${f(layout.max)} | ${f(compute.p50)} | ${f(compute.max)} | ${f(wall.p50)} | ${f(Math.max(...s.map((x) => x.longestTaskMs)))} | ${(layout.p50 ?? Infinity) < LAYOUT_TARGET_MS ? 'yes' : '**no**'} |`;
    }),
  ];
  const outDir = path.join(import.meta.dirname, 'results', `console-scale-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'console-scale.json'), `${JSON.stringify({ jobs, runs: RUNS, jobsPage, dag }, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'console-scale.md'), `${lines.join('\n')}\n`);
  console.log(`\n${lines.join('\n')}\n\nresults: ${outDir}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await scaleJobCount();
}
