// Engine throughput and latency on the embedded PostgreSQL (issue: first benchmark).
//   npm run bench:throughput [-- --jobs 20000 --concurrency 50 --samples 500]
// 1. enqueue: N no-op jobs in batches of 1,000 → jobs/s
// 2. drain:   one in-process runtime claims and completes them → jobs/s from start to the last completion
// 3. latency: sequential samples of enqueue → handler start on an idle runtime (LISTEN/NOTIFY wake-up)
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPool, migrate, PgStore, startEmbeddedDatabase, WorkerRuntime } from '@execops/engine';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '50' },
    samples: { type: 'string', default: '500' },
  },
});
const JOBS = Number(values.jobs);
const CONCURRENCY = Number(values.concurrency);
const SAMPLES = Number(values.samples);
const WARMUP = 50;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'execops-bench-'));
const db = await startEmbeddedDatabase({ dataDir });
const pool = createPool({ connectionString: db.connectionString, max: 20 });
await migrate(pool);
const store = new PgStore({ pool });

try {
  const enqueueStarted = performance.now();
  for (let i = 0; i < JOBS; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, JOBS - i) }, () => ({ jobType: 'bench.noop', payload: { i } }));
    await store.enqueueBatch('bench', batch);
  }
  const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;

  const drain = new WorkerRuntime({ store, connectionString: db.connectionString, concurrency: CONCURRENCY });
  let done = 0;
  let resolveDrained!: () => void;
  const drained = new Promise<void>((r) => (resolveDrained = r));
  drain.register('bench.noop', async () => {
    if (++done === JOBS) resolveDrained();
    return null;
  });
  const drainStarted = performance.now();
  await drain.start();
  await drained;
  await waitForState(pool, 'bench.noop', 'succeeded', JOBS);
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  await drain.stop();

  const latency = new WorkerRuntime({ store, connectionString: db.connectionString, concurrency: 1 });
  let onStart: (() => void) | undefined;
  latency.register('bench.latency', async () => {
    onStart?.();
    return null;
  });
  await latency.start();
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const started = new Promise<number>((resolve) => (onStart = () => resolve(performance.now())));
    const t0 = performance.now();
    await store.enqueueBatch('bench', [{ jobType: 'bench.latency' }]);
    const t1 = await started;
    if (i >= WARMUP) samples.push(t1 - t0);
  }
  await latency.stop();

  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? NaN;
  const result = {
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
    postgres: (await pool.query<{ v: string }>('SHOW server_version')).rows[0]?.v,
    jobs: JOBS,
    concurrency: CONCURRENCY,
    enqueuePerSecond: Math.round(JOBS / enqueueSeconds),
    drainPerSecond: Math.round(JOBS / drainSeconds),
    latencyMs: { samples: samples.length, p50: pct(50), p95: pct(95), p99: pct(99), max: samples.at(-1) },
  };
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(new URL(`./results/throughput-${Date.now()}.json`, import.meta.url), JSON.stringify(result, null, 2));
  const ms = (v: number | undefined) => `${(v ?? NaN).toFixed(2)} ms`;
  console.log(`| metric | value |\n|---|---|`);
  console.log(`| enqueue (batches of 1,000) | ${result.enqueuePerSecond} jobs/s |`);
  console.log(`| claim → complete (${JOBS} no-op jobs, concurrency ${CONCURRENCY}) | ${result.drainPerSecond} jobs/s |`);
  console.log(`| enqueue → start p50 / p95 / p99 / max (${samples.length} samples) | ${ms(pct(50))} / ${ms(pct(95))} / ${ms(pct(99))} / ${ms(samples.at(-1))} |`);
} finally {
  await pool.end();
  await db.stop();
  await rm(dataDir, { recursive: true, force: true });
}

async function waitForState(db: typeof pool, jobType: string, state: string, count: number): Promise<void> {
  for (;;) {
    const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM jobs WHERE job_type = $1 AND state = $2', [jobType, state]);
    if ((rows[0]?.n ?? 0) >= count) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
