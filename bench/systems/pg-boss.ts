// pg-boss 10.4.2, "tuned" profile (engine-anchors §8.1): polling every 0.5 s (its minimum; v10 has no LISTEN/NOTIFY),
// batchSize 20, one work() loop per slot. A v10 loop waits out the polling interval after every fetch, so a batch
// is its unit of work: the jobs of a batch run at once, and failures are reported per job before the batch completes.
import PgBoss from 'pg-boss';
import pg from 'pg';
import { committedTransactions, databaseUrl, recreateDatabase } from '../harness/environment.ts';
import { QUEUE, type BenchPayload, type Producer, type SystemAdapter, type SystemSettings } from '../harness/types.ts';

const DATABASE = 'bench_pgboss';
const POLLING_SECONDS = 0.5;
const BATCH_SIZE = 20;

function jobOptions(settings: SystemSettings) {
  return {
    retryLimit: settings.maxAttempts - 1,
    // Whole seconds only; 1 s is the closest to the other systems' 100 ms.
    retryDelay: Math.max(1, Math.round(settings.retryDelayMs / 1000)),
    expireInSeconds: settings.leaseSeconds,
  };
}

function boss(settings: SystemSettings, role: 'producer' | 'worker'): PgBoss {
  const instance = new PgBoss({
    connectionString: databaseUrl(DATABASE),
    max: settings.poolSize,
    schedule: false,
    supervise: role === 'worker',
    migrate: role === 'producer',
    maintenanceIntervalSeconds: Math.max(1, Math.floor(settings.leaseSeconds / 3)),
    archiveCompletedAfterSeconds: 60,
  });
  instance.on('error', () => undefined);
  return instance;
}

export const pgBoss: SystemAdapter = {
  id: 'pg-boss',
  version: '10.4.2',
  describe: (settings) => ({
    profile: 'tuned',
    workLoopsPerProcess: settings.slots,
    batchSize: BATCH_SIZE,
    pollingIntervalSeconds: POLLING_SECONDS,
    max: settings.poolSize,
    ...jobOptions(settings),
    maintenanceIntervalSeconds: Math.max(1, Math.floor(settings.leaseSeconds / 3)),
    archiveCompletedAfterSeconds: 60,
    caveat: `up to ${settings.slots * BATCH_SIZE} handlers in flight per process (loops × batch), against ${settings.slots} slots for the others`,
  }),
  async reset(settings) {
    await recreateDatabase(DATABASE, settings.profile);
    const instance = boss(settings, 'producer');
    await instance.start();
    await instance.createQueue(QUEUE, { name: QUEUE, ...jobOptions(settings) });
    await instance.stop({ graceful: false, wait: true });
  },
  async producer(settings): Promise<Producer> {
    const instance = boss(settings, 'producer');
    await instance.start();
    const stats = new pg.Pool({ connectionString: databaseUrl(DATABASE), max: 1 });
    const count = async (where: string) => {
      const { rows } = await stats.query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND ${where}`, [QUEUE]);
      return Number(rows[0]?.n ?? 0);
    };
    const options = jobOptions(settings);
    return {
      add: async (payload) => void (await instance.send(QUEUE, { ...payload }, options)),
      addBulk: (payloads) => instance.insert(payloads.map((payload) => ({ name: QUEUE, data: { ...payload }, ...options }))),
      pending: () => count(`state IN ('created', 'retry', 'active')`),
      deadCount: () => count(`state = 'failed'`),
      transactions: () => committedTransactions(stats, DATABASE),
      recover: async () => undefined,
      close: async () => {
        await instance.stop({ graceful: false, wait: true });
        await stats.end();
      },
    };
  },
  async worker(settings, handler) {
    const instance = boss(settings, 'worker');
    await instance.start();
    const options = { pollingIntervalSeconds: POLLING_SECONDS, batchSize: BATCH_SIZE, includeMetadata: true } as const;
    for (let slot = 0; slot < settings.slots; slot++) {
      await instance.work<BenchPayload>(QUEUE, options, async (jobs) => {
        const outcomes = await Promise.allSettled(jobs.map((job) => handler({ payload: job.data, attempt: job.retryCount + 1 })));
        const failed = jobs.filter((_, index) => outcomes[index]?.status === 'rejected').map((job) => job.id);
        // complete() afterwards only touches jobs still active, so the failed ones keep their retry.
        if (failed.length > 0) await instance.fail(QUEUE, failed);
      });
    }
    return { identity: () => [], stop: () => instance.stop({ graceful: true, wait: true, timeout: 10_000 }) };
  },
};
