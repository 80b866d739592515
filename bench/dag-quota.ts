// What DAG dependencies and quotas cost the engine, as ratios against plain jobs on the same database in one run.
//   npm run bench:dag-quota [-- --jobs 10000 --concurrency 50]
// 1. plain:       N independent no-op jobs, drained by one in-process runtime            → jobs/s (the reference)
// 2. quota:       the same with a quota on the type that never binds (maxActive = N)      → jobs/s, ratio to plain
// 3. quota-bound: the same with maxActive = concurrency / 5 (the claim keeps being denied) → jobs/s, ratio to plain
// 4. dag-chains:  N jobs as N/10 chains of 10 (each job waits for the one before it)       → jobs/s, ratio to plain
// 5. dag-fan:     about N jobs as one root → children → collectors of 100 → one sink          → jobs/s, ratio to plain
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CreatePipelineRequest, OperatorContext } from '@execops/contract';
import { createPool, DagResolver, migrate, PgStore, QuotaAdmin, startEmbeddedDatabase, WorkerRuntime } from '@execops/engine';

const { values } = parseArgs({
  options: { jobs: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '50' } },
});
const JOBS = Number(values.jobs);
const CONCURRENCY = Number(values.concurrency);
const OPERATOR: OperatorContext = { actor: 'bench', reason: 'benchmark' };

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'execops-bench-'));
const db = await startEmbeddedDatabase({ dataDir });
const pool = createPool({ connectionString: db.connectionString, max: 20 });
await migrate(pool);
const store = new PgStore({ pool });
const quotas = new QuotaAdmin(pool);
const resolver = new DagResolver({ pool, connectionString: db.connectionString });
await resolver.start();

/** Enqueues through `load` (which says how many jobs it made), then drains the type with a fresh runtime; jobs/s from the drain's start to the last job. */
async function drain(jobType: string, load: () => Promise<number>): Promise<number> {
  const jobs = await load();
  const runtime = new WorkerRuntime({ store, connectionString: db.connectionString, concurrency: CONCURRENCY });
  runtime.register(jobType, async () => null);
  const started = performance.now();
  await runtime.start();
  await waitUntilSucceeded(jobType, jobs);
  const seconds = (performance.now() - started) / 1000;
  await runtime.stop();
  return Math.round(jobs / seconds);
}

async function enqueuePlain(jobType: string): Promise<number> {
  for (let i = 0; i < JOBS; i += 1000) {
    await store.enqueueBatch('bench', Array.from({ length: Math.min(1000, JOBS - i) }, () => ({ jobType })));
  }
  return JOBS;
}

function chains(jobType: string): CreatePipelineRequest[] {
  const length = 10;
  const pipelines: CreatePipelineRequest[] = [];
  for (let c = 0; c < JOBS / length; c += 100) {
    const nodes = [];
    for (let k = c; k < Math.min(c + 100, JOBS / length); k++) {
      for (let i = 0; i < length; i++) {
        nodes.push({ key: `c${k}-${i}`, job: { jobType }, ...(i > 0 ? { dependsOn: [`c${k}-${i - 1}`] } : {}) });
      }
    }
    pipelines.push({ nodes });
  }
  return pipelines;
}

/** One root, its children, and a fan-in: dependsOn takes at most 100 ids, so children meet in collectors of 100. */
async function enqueueFan(jobType: string): Promise<number> {
  const [root] = await store.enqueueBatch('bench', [{ jobType }]);
  const rootId = root?.job.id as string;
  const childCount = Math.floor(((JOBS - 2) * 100) / 101);
  const children: string[] = [];
  for (let i = 0; i < childCount; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, childCount - i) }, () => ({ jobType, dependsOn: [rootId] }));
    children.push(...(await store.enqueueBatch('bench', batch)).map((r) => r.job.id));
  }
  const collectors: string[] = [];
  for (let i = 0; i < children.length; i += 100) {
    const [collector] = await store.enqueueBatch('bench', [{ jobType, dependsOn: children.slice(i, i + 100) }]);
    collectors.push(collector?.job.id as string);
  }
  if (collectors.length > 100) throw new Error('--jobs above 10,100 needs a second level of collectors');
  await store.enqueueBatch('bench', [{ jobType, dependsOn: collectors }]);
  return 1 + children.length + collectors.length + 1;
}

try {
  const plain = await drain('bench.plain', () => enqueuePlain('bench.plain'));
  await quotas.create('bench', { jobType: 'bench.quota', maxActive: JOBS, maxPerHour: null, burst: null, refillPerSecond: null, paused: false }, OPERATOR);
  const quota = await drain('bench.quota', () => enqueuePlain('bench.quota'));
  const bound = Math.max(1, Math.floor(CONCURRENCY / 5));
  await quotas.create('bench', { jobType: 'bench.bound', maxActive: bound, maxPerHour: null, burst: null, refillPerSecond: null, paused: false }, OPERATOR);
  const quotaBound = await drain('bench.bound', () => enqueuePlain('bench.bound'));
  const dagChains = await drain('bench.chain', async () => {
    for (const pipeline of chains('bench.chain')) await store.createPipeline('bench', pipeline);
    return JOBS;
  });
  const fanType = 'bench.fan';
  const dagFan = await drain(fanType, () => enqueueFan(fanType));

  const ratio = (v: number) => Number((v / plain).toFixed(2));
  const result = {
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
    postgres: (await pool.query<{ v: string }>('SHOW server_version')).rows[0]?.v,
    jobs: JOBS,
    concurrency: CONCURRENCY,
    jobsPerSecond: { plain, quota, quotaBound, dagChains, dagFan },
    ratioToPlain: { quota: ratio(quota), quotaBound: ratio(quotaBound), dagChains: ratio(dagChains), dagFan: ratio(dagFan) },
  };
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(new URL(`./results/dag-quota-${Date.now()}.json`, import.meta.url), JSON.stringify(result, null, 2));
  console.log(`| case (${JOBS} no-op jobs, concurrency ${CONCURRENCY}) | jobs/s | ratio to plain |\n|---|---|---|`);
  console.log(`| plain | ${plain} | 1.00 |`);
  console.log(`| quota that never binds | ${quota} | ${ratio(quota).toFixed(2)} |`);
  console.log(`| quota maxActive ${bound} | ${quotaBound} | ${ratio(quotaBound).toFixed(2)} |`);
  console.log(`| DAG: chains of 10 | ${dagChains} | ${ratio(dagChains).toFixed(2)} |`);
  console.log(`| DAG: one root → fan-out → fan-in | ${dagFan} | ${ratio(dagFan).toFixed(2)} |`);
} finally {
  await resolver.stop();
  await pool.end();
  await db.stop();
  await rm(dataDir, { recursive: true, force: true });
}

async function waitUntilSucceeded(jobType: string, count: number): Promise<void> {
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE tenant = 'bench' AND job_type = $1 AND state = 'succeeded'`,
      [jobType],
    );
    if ((rows[0]?.n ?? 0) >= count) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
