// graphile-worker 0.17.3, "batched" profile from its docs: local queue of concurrency + 1, completions and
// failures batched for 25 ms. Its retry backoff is fixed by the library (exp(min(attempts, 10)) seconds), and its
// lock timeout is 4 h; after a kill the documented procedure is forceUnlockWorkers with the dead worker's ids.
import { EventEmitter } from 'node:events';
import { Logger, makeWorkerUtils, run, type WorkerEvents, type WorkerUtils } from 'graphile-worker';
import pg from 'pg';
import { committedTransactions, databaseUrl, recreateDatabase } from '../harness/environment.ts';
import { QUEUE, type BenchPayload, type Producer, type SystemAdapter, type SystemSettings } from '../harness/types.ts';

const DATABASE = 'bench_graphile';
const silent = new Logger(() => () => undefined);

function batched(settings: SystemSettings) {
  return { worker: { localQueue: { size: settings.slots + 1 }, completeJobBatchDelay: 25, failJobBatchDelay: 25 } };
}

export const graphileWorker: SystemAdapter = {
  id: 'graphile-worker',
  version: '0.17.3',
  describe: (settings) => ({
    profile: 'batched',
    concurrency: settings.slots,
    maxPoolSize: settings.poolSize,
    preset: batched(settings),
    retry: 'library backoff exp(min(attempts, 10)) s (not configurable)',
    lockTimeout: '4 h (fixed); forceUnlockWorkers on restart after a kill',
    retention: 'deletes on success',
  }),
  async reset(settings) {
    await recreateDatabase(DATABASE, settings.profile);
    const utils = await makeWorkerUtils({ connectionString: databaseUrl(DATABASE), logger: silent });
    try {
      await utils.migrate();
    } finally {
      await utils.release();
    }
  },
  async producer(settings): Promise<Producer> {
    const connectionString = databaseUrl(DATABASE);
    const utils: WorkerUtils = await makeWorkerUtils({ connectionString, maxPoolSize: settings.poolSize, logger: silent });
    const stats = new pg.Pool({ connectionString, max: 1 });
    const count = async (where: string) => {
      const { rows } = await stats.query<{ n: string }>(`SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE ${where}`);
      return Number(rows[0]?.n ?? 0);
    };
    return {
      add: async (payload) => void (await utils.addJob(QUEUE, { ...payload }, { maxAttempts: settings.maxAttempts })),
      addBulk: async (payloads) =>
        void (await utils.addJobs(payloads.map((payload) => ({ identifier: QUEUE, payload: { ...payload }, maxAttempts: settings.maxAttempts })))),
      pending: () => count('attempts < max_attempts'),
      deadCount: () => count('attempts >= max_attempts'),
      transactions: () => committedTransactions(stats, DATABASE),
      recover: (identity) => utils.forceUnlockWorkers([...identity]),
      close: async () => {
        await utils.release();
        await stats.end();
      },
    };
  },
  async worker(settings, handler) {
    const identity = new Set<string>();
    const events: WorkerEvents = new EventEmitter();
    // With the local queue the pool locks jobs under its own id; without it each worker does. Both come before run() returns.
    events.on('pool:create', ({ workerPool }) => void identity.add(workerPool.id));
    events.on('worker:create', ({ worker }) => void identity.add(worker.workerId));
    const runner = await run({
      events,
      connectionString: databaseUrl(DATABASE),
      concurrency: settings.slots,
      maxPoolSize: settings.poolSize,
      noHandleSignals: true,
      logger: silent,
      preset: batched(settings),
      taskList: {
        [QUEUE]: async (payload, helpers) => handler({ payload: payload as BenchPayload, attempt: helpers.job.attempts }),
      },
    });
    return { identity: () => [...identity], stop: () => runner.stop() };
  },
};
