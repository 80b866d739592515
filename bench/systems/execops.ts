// Our engine against the same external PostgreSQL as the peers.
import { createPool, migrate, PgStore, WorkerRuntime, type Pool } from '../../packages/engine/src/index.ts';
import { committedTransactions, databaseUrl, recreateDatabase } from '../harness/environment.ts';
import { QUEUE, type BenchHandler, type BenchPayload, type Producer, type SystemAdapter, type SystemSettings } from '../harness/types.ts';

const DATABASE = 'bench_execops';
const TENANT = 'default';
const UNFINISHED = ['blocked', 'queued', 'scheduled', 'throttled', 'running'];

function store(pool: Pool, settings: SystemSettings): PgStore {
  const delaySeconds = settings.retryDelayMs / 1000;
  return new PgStore({ pool, retry: { baseSeconds: delaySeconds, capSeconds: delaySeconds } });
}

function job(payload: BenchPayload, settings: SystemSettings) {
  return { jobType: QUEUE, payload: { ...payload }, maxAttempts: settings.maxAttempts };
}

export const execops: SystemAdapter = {
  id: 'execops',
  version: 'workspace',
  describe: (settings) => ({
    database: 'external PostgreSQL',
    concurrency: settings.slots,
    poolMax: settings.poolSize,
    leaseSeconds: settings.leaseSeconds,
    rescueIntervalMs: rescueInterval(settings),
    retry: `fixed ${settings.retryDelayMs} ms (baseSeconds = capSeconds)`,
    wakeups: 'LISTEN/NOTIFY + 1 s poll',
    completions: 'batched by the runtime (≤ 100, ≤ 2 ms)',
    retention: 'finished jobs kept (no pruning during a trial)',
  }),
  async reset(settings) {
    await recreateDatabase(DATABASE, settings.profile);
    const pool = createPool({ connectionString: databaseUrl(DATABASE), max: 1 });
    try {
      await migrate(pool);
    } finally {
      await pool.end();
    }
  },
  async producer(settings): Promise<Producer> {
    const pool = createPool({ connectionString: databaseUrl(DATABASE), max: settings.poolSize, applicationName: 'bench-producer' });
    const jobs = store(pool, settings);
    return {
      add: async (payload) => void (await jobs.enqueueBatch(TENANT, [job(payload, settings)])),
      addBulk: async (payloads) => void (await jobs.enqueueBatch(TENANT, payloads.map((p) => job(p, settings)))),
      pending: async () => count(pool, 'SELECT count(*) AS n FROM jobs WHERE state = ANY($1)', [UNFINISHED]),
      deadCount: async () => count(pool, 'SELECT count(*) AS n FROM dead_letter', []),
      transactions: () => committedTransactions(pool, DATABASE),
      recover: async () => undefined,
      close: () => pool.end(),
    };
  },
  async worker(settings, handler: BenchHandler) {
    const connectionString = databaseUrl(DATABASE);
    const pool = createPool({ connectionString, max: settings.poolSize, applicationName: 'bench-worker' });
    const runtime = new WorkerRuntime({
      store: store(pool, settings),
      connectionString,
      concurrency: settings.slots,
      leaseSeconds: settings.leaseSeconds,
      rescueIntervalMs: rescueInterval(settings),
    });
    runtime.register<BenchPayload>(QUEUE, async ({ payload, job: claimed }) => {
      await handler({ payload, attempt: claimed.attempt });
      return null;
    });
    await runtime.start();
    return {
      identity: () => [runtime.workerId],
      stop: async () => {
        await runtime.stop();
        await pool.end();
      },
    };
  },
};

function rescueInterval(settings: SystemSettings): number {
  return Math.min(5_000, (settings.leaseSeconds * 1000) / 3);
}

async function count(pool: Pool, text: string, values: unknown[]): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(text, values);
  return Number(rows[0]?.n ?? 0);
}
